using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Data.Tests;

public sealed class RunStoreTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();

    public async Task InitializeAsync() => await Samples.SaveNewAsync(_db.Workflows);
    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    [Fact]
    public async Task A_run_records_its_version_and_every_event_round_trips_with_its_type()
    {
        await _db.Runs.CreateRunAsync(Samples.Run("r1"));
        var now = DateTimeOffset.UtcNow;
        RunEvent[] events =
        [
            new RunStarted("seo-article", new Dictionary<string, string> { ["keyword"] = "sqlite" }) { RunId = "r1", Sequence = 1, Timestamp = now },
            new NodeStarted("prompt", new Dictionary<string, object?> { ["keyword"] = "sqlite" }) { RunId = "r1", Sequence = 2, NodeId = "writer", Timestamp = now },
            new NodeDelta("Hello ") { RunId = "r1", Sequence = 3, NodeId = "writer", Timestamp = now },
            new NodeRetrying(2, "429 from the model") { RunId = "r1", Sequence = 4, NodeId = "writer", Timestamp = now },
            new NodeCompleted(new Dictionary<string, object?> { ["text"] = "Hello world" }, "out")
                { RunId = "r1", Sequence = 5, NodeId = "writer", Iteration = 1, Timestamp = now, InputTokens = 12, OutputTokens = 30, Cost = 0.0012m, Model = "offline", Latency = TimeSpan.FromMilliseconds(40) },
            new NodeSkipped { RunId = "r1", Sequence = 6, NodeId = "editor", Timestamp = now },
            new RunCompleted(new Dictionary<string, object?> { ["article"] = "Hello world" }) { RunId = "r1", Sequence = 7, Timestamp = now.AddSeconds(2), Duration = TimeSpan.FromSeconds(2) },
        ];

        await _db.Runs.AppendEventsAsync(events);

        var stored = await _db.Runs.GetEventsAsync("r1");
        Assert.Equal(events.Select(e => e.GetType()), stored.Select(e => e.GetType()));
        Assert.Equal(events.Select(RunEventJson.Serialize), stored.Select(RunEventJson.Serialize));
        var completed = Assert.IsType<NodeCompleted>(stored[4]);
        Assert.Equal((12, 30, 0.0012m, 1, "offline"), (completed.InputTokens, completed.OutputTokens, completed.Cost, completed.Iteration, completed.Model));

        var run = await _db.Runs.GetRunAsync("r1");
        Assert.Equal(RunStatus.Succeeded, run!.Status);
        Assert.Equal((1, 12, 30, 0.0012m, 7L), (run.VersionNumber, run.InputTokens, run.OutputTokens, run.Cost, run.LastSequence));
        Assert.Equal(TimeSpan.FromSeconds(2), run.Duration);
        Assert.Equal("Hello world", run.Outputs!["article"].GetString());
        Assert.Equal("sqlite", run.Inputs["keyword"]);
    }

    [Fact]
    public async Task Events_after_a_sequence_come_in_order_and_in_pages()
    {
        await _db.Runs.CreateRunAsync(Samples.Run("r1"));
        await _db.Runs.AppendEventsAsync([.. Enumerable.Range(1, 50).Reverse().Select(i => Samples.Delta("r1", i))]);

        var page = await _db.Runs.GetEventsAsync("r1", afterSequence: 20, max: 10);

        Assert.Equal(Enumerable.Range(21, 10).Select(i => (long)i), page.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Failed_and_cancelled_runs_keep_their_reason_and_history_lists_newest_first()
    {
        var start = DateTimeOffset.UtcNow;
        await _db.Runs.CreateRunAsync(Samples.Run("failed") with { StartedAt = start });
        await _db.Runs.CreateRunAsync(Samples.Run("cancelled") with { StartedAt = start.AddMinutes(1) });
        await _db.Runs.AppendEventsAsync(
        [
            new RunFailed("model_unavailable", "The model did not answer") { RunId = "failed", Sequence = 1, Timestamp = start.AddSeconds(1) },
            new RunCancelled("Cancelled by ada") { RunId = "cancelled", Sequence = 1, Timestamp = start.AddMinutes(1).AddSeconds(3) },
        ]);

        var runs = await _db.Runs.ListRunsAsync("seo-article");

        Assert.Equal([("cancelled", RunStatus.Cancelled, "Cancelled by ada"), ("failed", RunStatus.Failed, "model_unavailable: The model did not answer")],
            runs.Select(r => (r.Id, r.Status, r.Error)));
    }

    [Fact]
    public async Task A_run_of_an_unsaved_version_or_events_of_an_unknown_run_are_refused()
    {
        var noVersion = await Assert.ThrowsAsync<StoreException>(() => _db.Runs.CreateRunAsync(Samples.Run("r1", version: 4)));
        Assert.Contains("no saved version 4", noVersion.Message);
        var unknown = await Assert.ThrowsAsync<StoreException>(() => _db.Runs.AppendEventsAsync([Samples.Delta("ghost", 1)]));
        Assert.Contains("ghost", unknown.Message);
    }

    [Fact]
    public async Task A_handed_over_version_id_that_names_no_version_is_refused_as_a_missing_version_alone_or_in_a_batch()
    {
        var alone = await Assert.ThrowsAsync<StoreException>(() => _db.Runs.CreateRunAsync(Samples.Run("r1") with { VersionId = 999 }));
        Assert.Equal(StoreErrorKind.NotFound, alone.Kind);
        Assert.Contains("no saved version 1", alone.Message);

        var version = (await _db.Workflows.GetVersionAsync("seo-article", 1))!.Summary.Id;
        var good = _db.Sink.CreateRunAsync(Samples.Run("r2") with { VersionId = version });
        var bad = _db.Sink.CreateRunAsync(Samples.Run("r3") with { VersionId = 999 });
        await good;
        Assert.Equal(StoreErrorKind.NotFound, (await Assert.ThrowsAsync<StoreException>(() => bad)).Kind);
        Assert.Equal(["r2"], (await _db.Runs.QueryRunsAsync(new RunQuery())).Runs.Select(r => r.Id));
    }

    [Fact]
    public async Task Costs_add_up_exactly_across_batches()
    {
        await _db.Runs.CreateRunAsync(Samples.Run("r1"));
        foreach (var (sequence, cost) in new[] { (1L, 0.1m), (2L, 0.2m), (3L, 0.0000001m) })
            await _db.Runs.AppendEventsAsync([new NodeCompleted(new Dictionary<string, object?>(), "out") { RunId = "r1", Sequence = sequence, Cost = cost }]);

        // Decimal all the way: summed as floating point, 0.1 + 0.2 is not 0.3.
        Assert.Equal(0.3000001m, (await _db.Runs.GetRunAsync("r1"))!.Cost);
    }

    [Fact]
    public async Task A_restart_marks_runs_left_running_as_interrupted_and_leaves_finished_ones()
    {
        await _db.Runs.CreateRunAsync(Samples.Run("running"));
        await _db.Runs.CreateRunAsync(Samples.Run("done"));
        await _db.Runs.AppendEventsAsync(
        [
            Samples.Delta("running", 1),
            new RunCompleted(new Dictionary<string, object?>()) { RunId = "done", Sequence = 1, Timestamp = DateTimeOffset.UtcNow },
        ]);

        await _db.RestartAsync();

        Assert.Equal(["running"], await _db.Database.MarkInterruptedRunsAsync());
        Assert.Equal(RunStatus.Interrupted, (await _db.Runs.GetRunAsync("running"))!.Status);
        Assert.Equal(RunStatus.Succeeded, (await _db.Runs.GetRunAsync("done"))!.Status);
        Assert.Single(await _db.Runs.GetEventsAsync("running"));
    }

    [Fact]
    public async Task Opening_the_file_leaves_runs_going_in_another_process_alone()
    {
        await _db.Runs.CreateRunAsync(Samples.Run("elsewhere"));

        // A second process on the same file, such as `studio validate` beside a running studio.
        await using var other = new TempDatabase(_db.Path, ownsFolder: false);
        await other.Database.EnsureReadyAsync();
        await using (var context = await other.Database.OpenAsync(CancellationToken.None)) { }

        Assert.Equal(RunStatus.Running, (await other.Runs.GetRunAsync("elsewhere"))!.Status);
    }
}
