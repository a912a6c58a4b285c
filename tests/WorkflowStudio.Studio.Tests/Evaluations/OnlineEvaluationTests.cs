using WorkflowStudio.Core.Building;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Evaluation.Scoring;
using WorkflowStudio.Studio.Deployments;
using WorkflowStudio.Studio.Evaluations;
using WorkflowStudio.Studio.Security;
using WorkflowStudio.Studio.Versions;
using WorkflowStudio.Studio.Workflows;

namespace WorkflowStudio.Studio.Tests.Evaluations;

/// <summary>Scorers attached to a release tag score a sample of its live deployment runs in the background.</summary>
public sealed class OnlineEvaluationTests : IDisposable
{
    private readonly StudioHost _host;
    private OnlineEvaluation Online => _host.Get<OnlineEvaluation>();

    public OnlineEvaluationTests() : this(null) { }

    private OnlineEvaluationTests(IReadOnlyDictionary<string, string?>? settings)
    {
        _host = new StudioHost(settings);
        _host.Get<WorkflowLibrary>().SaveAsync(new WorkflowBuilder("echo", "Echo").Input("question").Output("answer", "Answer: {{question}}").Edge("question", "answer").Build())
            .GetAwaiter().GetResult();
        _host.Get<WorkflowVersions>().SetTagAsync("echo", "production", 1).GetAwaiter().GetResult();
    }

    public void Dispose() => _host.Dispose();

    private static IReadOnlyList<ScorerSpec> Scorers => [ScorerSpec.Parse("contains:Answer"), ScorerSpec.Parse("regex:^Nope")];

    private async Task<string> CallAsync()
    {
        var key = await _host.Get<ApiKeys>().CreateAsync("app", ApiKeyScopes.Run, ["*"], "owner");
        var started = await _host.Get<DeploymentRuns>().StartAsync(new DeploymentCall("echo", "production", new Dictionary<string, string> { ["question"] = "pears" }, key.Key.Id, null), "api");
        return started.RunId;
    }

    [Fact]
    public async Task At_a_sample_rate_of_one_every_deployment_run_is_scored_in_the_background_and_its_scores_are_stored()
    {
        await _host.StartAsync();
        await Online.SetAsync("echo", "production", Scorers, 1.0);
        var scored = new TaskCompletionSource<string>();
        Online.RunScored += id => scored.TrySetResult(id);

        var runId = await CallAsync();

        Assert.Equal(runId, await scored.Task.WaitAsync(TimeSpan.FromMinutes(1)));
        var scores = await _host.Get<IOnlineEvaluationStore>().ListScoresAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal([("contains", true), ("regex", false)], scores.Select(s => (s.Scorer, s.Passed)).OrderBy(s => s.Scorer));
        Assert.All(scores, s => Assert.Equal((runId, "production", 1), (s.RunId, s.Tag, s.Version)));
        var overview = await Online.OverviewAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), TimeSpan.FromHours(1));
        Assert.Equal((2, 1, 1L, 1L, 0L), (overview.Scores, overview.Passed, overview.Sampled, overview.Scored, overview.Dropped));
        Assert.Equal(0.5, Assert.Single(overview.Points).PassRate);
        await _host.StopAsync();

        // The settings outlive a restart of the scorer.
        await Online.StartAsync(CancellationToken.None);
        Assert.Equal(1.0, Online.Get("echo", "production")!.SampleRate);
        await Online.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_rate_outside_zero_to_one_a_bad_scorer_a_missing_tag_or_a_viewer_is_refused_and_nothing_is_kept()
    {
        foreach (var rate in new[] { -0.1, 1.5, double.NaN, double.PositiveInfinity })
            Assert.Contains("between 0 (off) and 1", (await Assert.ThrowsAsync<ArgumentException>(() => Online.SetAsync("echo", "production", Scorers, rate))).Message);
        await Assert.ThrowsAsync<ArgumentException>(() => Online.SetAsync("echo", "production", [ScorerSpec.Parse("regex:(")], 0.1));
        await Assert.ThrowsAsync<ArgumentException>(() => Online.SetAsync("echo", "production", [ScorerSpec.Parse("nonsense")], 0.1));
        Assert.Equal(StoreErrorKind.NotFound, (await Assert.ThrowsAsync<StoreException>(() => Online.SetAsync("echo", "staging", Scorers, 0.1))).Kind);
        Assert.Equal(StoreErrorKind.Forbidden, (await Assert.ThrowsAsync<StoreException>(() => Online.SetAsync("echo", "production", Scorers, 0.1, StudioRole.Viewer))).Kind);
        Assert.Null(Online.Get("echo", "production"));
        Assert.Empty(await _host.Get<IOnlineEvaluationStore>().ListSettingsAsync());

        await Online.SetAsync("echo", "production", Scorers, 0.1);
        Assert.Equal(0.1, Online.Get("echo", "production")!.SampleRate);
        await Online.SetAsync("echo", "production", [], 0);
        Assert.Null(Online.Get("echo", "production"));
    }

    [Fact]
    public async Task A_rate_of_zero_samples_nothing_and_a_full_queue_drops_and_counts_instead_of_waiting()
    {
        using var small = new OnlineEvaluationTests(new Dictionary<string, string?> { ["Studio:OnlineEvaluation:QueueCapacity"] = "1" });
        var online = small.Online;
        await online.SetAsync("echo", "production", Scorers, 0);
        online.Offer("run-0", "echo", "production");
        Assert.Equal(0, online.Sampled);

        // Not started, so nothing takes from the queue: the first sampled run fills it.
        await online.SetAsync("echo", "production", Scorers, 1);
        for (var i = 0; i < 3; i++) online.Offer($"run-{i}", "echo", "production");
        online.Offer("run-other", "echo", "staging");

        Assert.Equal((3L, 2L), (online.Sampled, online.Dropped));
    }
}
