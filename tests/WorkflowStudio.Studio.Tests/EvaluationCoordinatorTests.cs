using WorkflowStudio.Core.Building;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Evaluation.Datasets;
using WorkflowStudio.Evaluation.Running;
using WorkflowStudio.Evaluation.Scoring;
using WorkflowStudio.Studio.Evaluations;
using WorkflowStudio.Studio.Versions;
using WorkflowStudio.Studio.Workflows;

namespace WorkflowStudio.Studio.Tests;

/// <summary>Datasets and evaluations through the application layer, as the browser uses them, over real SQLite.</summary>
public sealed class EvaluationCoordinatorTests : IDisposable
{
    // No model step: the reply echoes the question, so which cases pass is known exactly.
    private static readonly Core.Model.Workflow Echo = new WorkflowBuilder("echo", "Echo")
        .Input("question").Output("answer", "Answer: {{question}}").Edge("question", "answer").Build();

    private const string Csv = "id,question,expected\na,apples,apples\nb,pears,plums\n";

    private readonly StudioHost _host = new();
    private DatasetWorkbench Datasets => _host.Get<DatasetWorkbench>();
    private EvaluationCoordinator Coordinator => _host.Get<EvaluationCoordinator>();

    public EvaluationCoordinatorTests()
    {
        _host.Get<WorkflowLibrary>().SaveAsync(Echo).GetAwaiter().GetResult();
        Datasets.ImportAsync("fruit", "Fruit", System.Text.Encoding.UTF8.GetBytes(Csv), DatasetFormat.Csv).GetAwaiter().GetResult();
    }

    public void Dispose() => _host.Dispose();

    private static EvaluationStart Start(string? tag = null) => new("echo", null, tag, "fruit", 1, [ScorerSpec.Parse("contains")]);

    [Fact]
    public async Task An_evaluation_runs_in_the_background_and_its_progress_can_be_followed_to_the_end()
    {
        var record = await Coordinator.StartAsync(Start());

        // Too quick a run may end before it is followed; then storage alone says how it went.
        if (await WaitEndedAsync(record.Id) is { } live) Assert.Equal((2, 2), (live.Progress.Done, live.Progress.Total));

        var summary = await Coordinator.GetSummaryAsync(record.Id);
        Assert.Equal((EvaluationStatus.Completed, 2, 1), (summary.Status, summary.Done, summary.Passed));
        var results = await Coordinator.GetResultsAsync(record.Id);
        Assert.Equal(["a", "b"], results.Select(r => r.CaseId));
        Assert.Contains("<html", await Coordinator.ReportAsync(record.Id));
    }

    [Fact]
    public async Task A_release_tag_picks_its_version_and_a_missing_tag_or_bad_scorer_is_refused_before_anything_runs()
    {
        await _host.Get<WorkflowLibrary>().SaveAsync(Echo with { Description = "second" });
        await _host.Get<WorkflowVersions>().SetTagAsync("echo", "production", 1);

        var record = await Coordinator.StartAsync(Start("production"));
        Assert.Equal(1, record.VersionNumber);
        await Assert.ThrowsAsync<WorkflowStudio.Data.StoreException>(() => Coordinator.StartAsync(Start("nope")));
        await Assert.ThrowsAsync<ArgumentException>(() => Coordinator.StartAsync(Start() with { Scorers = [] }));
        Assert.Single(await Coordinator.ListAsync("echo"));
        await WaitEndedAsync(record.Id);
    }

    [Fact]
    public async Task An_edited_table_is_saved_as_a_new_version_and_the_first_is_unchanged()
    {
        var table = await Datasets.ReadAsync("fruit", 1);
        Assert.Equal(["id", "question", "expected", "tags", "split", "note"], table.Columns);
        var rows = table.Rows.Select(r => new Dictionary<string, string>(r)).ToList();
        rows[1]["expected"] = "pears";
        rows.Add(new() { ["id"] = "c", ["question"] = "figs", ["expected"] = "figs" });

        var version = await Datasets.SaveAsync("fruit", "Fruit", new DatasetTable(table.Columns, rows), "edited");

        Assert.Equal((2, 3), (version.Number, version.CaseCount));
        Assert.Equal("plums", (await Datasets.ReadAsync("fruit", 1)).Rows[1]["expected"]);
        Assert.Equal("pears", (await Datasets.ReadAsync("fruit", 2)).Rows[1]["expected"]);
        Assert.Equal([2, 1], (await Datasets.ListAsync()).Single().Versions.Select(v => v.Number));
    }

    [Fact]
    public async Task A_workflow_template_has_a_column_per_input_and_an_expected_column_and_a_bad_file_names_its_row()
    {
        var template = await Datasets.TemplateAsync("echo");
        Assert.Equal(["id", "question", "expected", "tags", "split", "note"], template.Columns);
        Assert.Empty(template.Rows);

        var preview = Datasets.Preview(System.Text.Encoding.UTF8.GetBytes("id,question\n,apples\n"), DatasetFormat.Csv);
        Assert.Null(preview.Table);
        Assert.Equal((2, "id"), (preview.ErrorRow, preview.ErrorColumn));
    }

    [Fact]
    public async Task A_finished_run_becomes_a_case_with_its_outputs_as_expected_values_in_a_new_version()
    {
        var record = await Coordinator.StartAsync(Start());
        await WaitEndedAsync(record.Id);
        var run = (await Coordinator.GetResultsAsync(record.Id))[1];

        var version = await Datasets.AddRunAsync(run.RunId, "fruit");

        Assert.Equal((2, 3), (version.Number, version.CaseCount));
        var added = (await Datasets.ReadAsync("fruit", 2)).Rows[^1];
        Assert.Equal(("pears", "Answer: pears"), (added["question"], added["expected"]));
        Assert.StartsWith("run-", added["id"]);
        Assert.Equal(2, (await Datasets.ReadAsync("fruit", 1)).Rows.Count);
        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => Datasets.AddRunAsync(run.RunId, "fruit"));
        Assert.Contains("already case", again.Message);
        Assert.Equal(1, (await Datasets.AddRunAsync(run.RunId, "from-runs", "From runs")).CaseCount);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Datasets.AddRunAsync("no-such-run", "fruit"));
    }

    /// <summary>Follows the evaluation until it ends; returns what was followed, or null when it had already ended.</summary>
    private async Task<LiveEvaluation?> WaitEndedAsync(string evaluationId)
    {
        if (Coordinator.Follow(evaluationId) is not { } live) return null;
        var ended = new TaskCompletionSource();
        live.Changed += l => { if (Coordinator.Follow(l.Id) is null) ended.TrySetResult(); };
        // It may have ended between the first look and subscribing.
        if (Coordinator.Follow(evaluationId) is not null) await ended.Task.WaitAsync(TimeSpan.FromMinutes(1));
        return live;
    }
}
