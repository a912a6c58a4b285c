using WorkflowStudio.Evaluation.Scoring;
using WorkflowStudio.Studio.Evaluations;
using WorkflowStudio.Web.Datasets;

namespace WorkflowStudio.Web.Tests.Evaluations;

/// <summary>"Add to dataset" from a run, over real storage: the run's inputs and outputs become a case of a new version.</summary>
public sealed class AddRunToDatasetTests : StudioTestContext, IDisposable
{
    private readonly EvaluationStudioData _data = new();

    public AddRunToDatasetTests()
    {
        _data.AddTo(Services);
        _data.ImportFruitAsync().GetAwaiter().GetResult();
    }

    void IDisposable.Dispose() => _data.Dispose();

    [Fact]
    public async Task Adding_a_run_proposes_the_newest_dataset_and_reports_the_new_version()
    {
        var record = await _data.Coordinator.StartAsync(new EvaluationStart("echo", null, null, "fruit", 1, [ScorerSpec.Parse("contains")]));
        if (_data.Coordinator.Follow(record.Id) is { } live)
        {
            var ended = new TaskCompletionSource();
            live.Changed += l => { if (_data.Coordinator.Follow(l.Id) is null) ended.TrySetResult(); };
            if (_data.Coordinator.Follow(record.Id) is not null) await ended.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
        var runId = (await _data.Coordinator.GetResultsAsync(record.Id))[0].RunId;
        var button = Render<AddRunToDataset>(p => p.Add(c => c.RunId, runId));

        button.Find("[data-testid=add-to-dataset-open]").Click();
        button.WaitForAssertion(() => Assert.Equal("fruit", button.Find("input[data-testid=add-to-dataset-id]").GetAttribute("value")));
        button.Find("[data-testid=add-to-dataset-save]").Click();

        button.WaitForAssertion(() => Assert.Contains("Added to fruit v2", button.Find("[data-testid=add-to-dataset-message]").TextContent));
        Assert.Equal(3, (await _data.Datasets.ReadAsync("fruit", 2)).Rows.Count);

        button.Find("[data-testid=add-to-dataset-open]").Click();
        button.Find("[data-testid=add-to-dataset-save]").Click();
        button.WaitForAssertion(() => Assert.Contains("already case", button.Find("[data-testid=add-to-dataset-message]").TextContent));
    }
}
