using WorkflowStudio.Data;
using WorkflowStudio.Studio.Evaluations;
using WorkflowStudio.Studio.Monitoring;

namespace WorkflowStudio.Studio.Tests.Monitoring;

/// <summary>Feedback on runs, and chosen runs turned into dataset cases with their corrections as expected outputs.</summary>
public sealed class FeedbackToDatasetTests : IDisposable
{
    private readonly MonitoringHost _host = new();
    private RunFeedback Feedback => _host.Get<RunFeedback>();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Corrected_runs_become_cases_whose_expected_output_is_the_correction_and_others_keep_their_answer()
    {
        var corrected = await _host.RunAsync("tides");
        var plain = await _host.RunAsync("moons");
        await Feedback.GiveAsync(corrected, new FeedbackInput(ThumbsUp: false, Correction: "Tides follow the moon."), "ada");
        await Feedback.GiveAsync(plain, new FeedbackInput(ThumbsUp: true), "ada");

        var version = await Feedback.AddToDatasetAsync("from-feedback", "From feedback", [corrected, plain]);
        // Adding the same run again leaves the dataset's cases as they are.
        var again = await Feedback.AddToDatasetAsync("from-feedback", "From feedback", [corrected]);

        Assert.Equal((1, 2, 2, 2), (version.Number, version.CaseCount, again.Number, again.CaseCount));
        var table = await _host.Get<DatasetWorkbench>().ReadAsync("from-feedback", 2);
        var rows = table.Rows.ToDictionary(r => r["id"]);
        Assert.Equal(("tides", "Tides follow the moon.", "corrected"), (rows["run-" + corrected]["topic"], rows["run-" + corrected]["expected"], rows["run-" + corrected]["tags"]));
        Assert.False(string.IsNullOrWhiteSpace(rows["run-" + plain]["expected"]));
        Assert.NotEqual("Tides follow the moon.", rows["run-" + plain]["expected"]);
    }

    [Fact]
    public async Task Feedback_needs_a_rating_in_range_and_a_real_run()
    {
        var run = await _host.RunAsync();

        await Assert.ThrowsAsync<StoreException>(() => Feedback.GiveAsync(run, new FeedbackInput(Comment: "no rating"), "ada"));
        await Assert.ThrowsAsync<StoreException>(() => Feedback.GiveAsync(run, new FeedbackInput(Score: 1.5), "ada"));
        await Assert.ThrowsAsync<StoreException>(() => Feedback.GiveAsync(run, new FeedbackInput(ThumbsUp: true, Score: 0.1), "ada"));
        var missing = await Assert.ThrowsAsync<StoreException>(() => Feedback.GiveAsync("nope", new FeedbackInput(ThumbsUp: true), "ada"));
        Assert.Equal(StoreErrorKind.NotFound, missing.Kind);
        await Assert.ThrowsAsync<StoreException>(() => Feedback.AddToDatasetAsync("d", "D", []));
        Assert.Empty(await Feedback.OfRunAsync(run));
    }
}
