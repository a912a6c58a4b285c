using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Data.Tests;

public sealed class EventSinkTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();

    public async Task InitializeAsync() => await Samples.SaveNewAsync(_db.Workflows);
    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    [Fact]
    public async Task Events_of_several_runs_are_stored_in_batches_in_order()
    {
        string[] runs = ["a", "b", "c"];
        foreach (var run in runs) await _db.Runs.CreateRunAsync(Samples.Run(run));
        const int perRun = 2_000;

        for (var sequence = 1; sequence <= perRun; sequence++)
            foreach (var run in runs) _db.Sink.Write(Samples.Delta(run, sequence));
        await _db.Sink.FlushAsync();

        Assert.Equal(runs.Length * perRun, _db.Sink.StoredEvents);
        Assert.InRange(_db.Sink.Batches, 1, _db.Sink.StoredEvents - 1);
        Assert.Equal(0, _db.Sink.FailedEvents);
        foreach (var run in runs)
        {
            var stored = await _db.Runs.GetEventsAsync(run, 0, int.MaxValue);
            Assert.Equal(Enumerable.Range(1, perRun).Select(i => (long)i), stored.Select(e => e.Sequence));
        }
    }

    [Fact]
    public async Task Events_of_a_run_that_cannot_be_stored_do_not_cost_other_runs_theirs()
    {
        await _db.Runs.CreateRunAsync(Samples.Run("real"));

        _db.Sink.Write(Samples.Delta("real", 1));
        _db.Sink.Write(Samples.Delta("deleted-meanwhile", 1));
        _db.Sink.Write(Samples.Delta("real", 2));
        await _db.Sink.FlushAsync();

        Assert.Equal(2, (await _db.Runs.GetEventsAsync("real")).Count);
        Assert.Equal(1, _db.Sink.FailedEvents);
    }

    [Fact]
    public async Task Runs_started_together_are_stored_together_and_a_bad_one_fails_alone_with_its_reason()
    {
        var good = Enumerable.Range(0, 20).Select(i => _db.Sink.CreateRunAsync(Samples.Run($"run{i}"))).ToList();
        var bad = _db.Sink.CreateRunAsync(Samples.Run("no-such-version", version: 9));

        await Task.WhenAll(good);
        var refused = await Assert.ThrowsAsync<StoreException>(() => bad);

        Assert.Equal(StoreErrorKind.NotFound, refused.Kind);
        Assert.Contains("no saved version 9", refused.Message);
        Assert.Equal(20, (await _db.Runs.QueryRunsAsync(new RunQuery())).Total);
        _db.Sink.Write(Samples.Delta("run0", 1));
        await _db.Sink.FlushAsync();
        Assert.Single(await _db.Runs.GetEventsAsync("run0"));
    }

    [Fact]
    public async Task Shutting_down_stores_what_was_queued_and_refuses_more()
    {
        await _db.Runs.CreateRunAsync(Samples.Run("r1"));
        for (var i = 1; i <= 100; i++) _db.Sink.Write(Samples.Delta("r1", i));
        var sink = _db.Sink;

        await sink.DisposeAsync();

        Assert.Equal(100, (await _db.Runs.GetEventsAsync("r1")).Count);
        Assert.Throws<InvalidOperationException>(() => sink.Write(Samples.Delta("r1", 101)));
        await sink.FlushAsync();
    }

    [Fact]
    public async Task The_run_summary_follows_the_events_through_the_sink()
    {
        await _db.Runs.CreateRunAsync(Samples.Run("r1"));
        _db.Sink.Write(new NodeCompleted(new Dictionary<string, object?>(), "out") { RunId = "r1", Sequence = 1, InputTokens = 5, OutputTokens = 7, Cost = 0.5m });
        _db.Sink.Write(new NodeCompleted(new Dictionary<string, object?>(), "out") { RunId = "r1", Sequence = 2, InputTokens = 1, OutputTokens = 2, Cost = 0.25m });
        _db.Sink.Write(new RunCompleted(new Dictionary<string, object?> { ["n"] = 3 }) { RunId = "r1", Sequence = 3, Duration = TimeSpan.FromSeconds(1) });
        await _db.Sink.FlushAsync();

        var run = await _db.Runs.GetRunAsync("r1");
        Assert.Equal((RunStatus.Succeeded, 6, 9, 0.75m, 3), (run!.Status, run.InputTokens, run.OutputTokens, run.Cost, run.Outputs!["n"].GetInt32()));
    }

    [Fact]
    public async Task A_write_along_runs_after_the_runs_and_events_queued_before_it_and_reports_its_own_failure()
    {
        var created = _db.Sink.CreateRunAsync(Samples.Run("r1"));
        for (var i = 1; i <= 50; i++) _db.Sink.Write(Samples.Delta("r1", i));
        var seen = -1;

        await _db.Sink.WriteAlongAsync(async () => seen = (await _db.Runs.GetEventsAsync("r1")).Count);
        var failed = _db.Sink.WriteAlongAsync(() => throw new StoreException("the write's own reason"));

        await created;
        Assert.Equal(50, seen);
        Assert.Equal("the write's own reason", (await Assert.ThrowsAsync<StoreException>(() => failed)).Message);
        _db.Sink.Write(Samples.Delta("r1", 51));
        await _db.Sink.FlushAsync();
        Assert.Equal(51, (await _db.Runs.GetEventsAsync("r1")).Count);
    }
}
