using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Web.Tests.Runs;

public sealed class RunHubTests : IAsyncLifetime
{
    // Only a guard against a hung test; no assertion depends on time.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private RunServer _server = null!;

    public async Task InitializeAsync() => _server = await RunServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_started_run_streams_every_event_in_order_and_is_stored()
    {
        _server.Gate.Release();
        await using var client = await _server.ConnectAsync();

        var run = await client.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest);
        var events = await JoinAsync(client, run.RunId, 0);

        AssertWholeRun(events);
        Assert.IsType<RunStarted>(events[0]);
        Assert.Contains(events, e => e is NodeDelta { NodeId: "draft" });
        var completed = Assert.IsType<RunCompleted>(events[^1]);
        Assert.StartsWith("Answer: Polish this: Answer: Tell a short story", completed.Outputs["story"]!.ToString());
        Assert.Equal((RunServer.WorkflowId, 1), (run.WorkflowId, run.VersionNumber));

        var stored = await _server.Runs.GetEventsAsync(run.RunId, 0, int.MaxValue);
        Assert.Equal(events.Select(RunEventJson.Serialize), stored.Select(RunEventJson.Serialize));
        var record = await _server.Runs.GetRunAsync(run.RunId);
        // Without sign-in the hub names no one; what a client claims is not taken as its name.
        Assert.Equal((RunStatus.Succeeded, RunServer.UserName, 1), (record!.Status, record.StartedBy, record.VersionNumber));
    }

    [Fact]
    public async Task A_late_joiner_gets_what_it_missed_then_live_events_with_no_gap()
    {
        await using var starter = await _server.ConnectAsync();
        var run = await starter.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest);
        await _server.Gate.Reached.WaitAsync(Patience);

        await using var late = await _server.ConnectAsync();
        // Released only once the joiner has its first event, so it joined while the run was live.
        var events = await JoinAsync(late, run.RunId, 0, releaseGateOnFirstEvent: true);

        AssertWholeRun(events);
        Assert.IsType<RunCompleted>(events[^1]);
        Assert.Contains(events, e => e is NodeStarted { NodeId: "hold" });
        Assert.Contains(events, e => e is NodeCompleted { NodeId: "final" });
    }

    [Fact]
    public async Task Joining_a_finished_run_replays_it_from_the_database_from_any_sequence()
    {
        _server.Gate.Release();
        await using var client = await _server.ConnectAsync();
        var run = await client.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest);
        var live = await JoinAsync(client, run.RunId, 0);
        Assert.False(_server.Feed.IsActive(run.RunId));

        var replay = await JoinAsync(client, run.RunId, 0);
        var tail = await JoinAsync(client, run.RunId, 5);

        Assert.Equal(live.Select(RunEventJson.Serialize), replay.Select(RunEventJson.Serialize));
        Assert.Equal(live.Skip(5).Select(e => e.Sequence), tail.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_client_that_drops_mid_run_reconnects_and_continues_without_gap_or_duplicate()
    {
        var first = await _server.ConnectAsync();
        var run = await first.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest);
        var before = new List<RunEvent>();
        using (var stop = new CancellationTokenSource(Patience))
        {
            await foreach (var message in first.StreamAsync<RunEventMessage>("Join", run.RunId, 0L, stop.Token))
            {
                before.Add(message.Event);
                if (message.Event is NodeDelta) break;
            }
        }
        await first.DisposeAsync();
        await _server.Gate.Reached.WaitAsync(Patience);
        Assert.True(_server.Feed.IsActive(run.RunId));

        await using var second = await _server.ConnectAsync();
        var after = await JoinAsync(second, run.RunId, before[^1].Sequence, releaseGateOnFirstEvent: true);

        AssertWholeRun([.. before, .. after]);
        Assert.IsType<RunCompleted>(after[^1]);
    }

    [Fact]
    public async Task Two_clients_see_the_same_sequence()
    {
        await using var one = await _server.ConnectAsync();
        await using var two = await _server.ConnectAsync();
        var run = await one.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest);

        var firstView = JoinAsync(one, run.RunId, 0);
        await _server.Gate.Reached.WaitAsync(Patience);
        var secondView = JoinAsync(two, run.RunId, 0, releaseGateOnFirstEvent: true);
        var views = await Task.WhenAll(firstView, secondView);

        AssertWholeRun(views[0]);
        Assert.Equal(views[0].Select(RunEventJson.Serialize), views[1].Select(RunEventJson.Serialize));
    }

    [Fact]
    public async Task A_client_cancels_a_run_and_everyone_sees_it_end_cancelled()
    {
        await using var watcher = await _server.ConnectAsync();
        await using var canceller = await _server.ConnectAsync();
        var run = await watcher.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest);
        var watching = JoinAsync(watcher, run.RunId, 0);
        await _server.Gate.Reached.WaitAsync(Patience);

        Assert.True(await canceller.InvokeAsync<bool>("Cancel", run.RunId));
        var events = await watching;

        AssertWholeRun(events);
        Assert.IsType<RunCancelled>(events[^1]);
        Assert.DoesNotContain(events, e => e is NodeStarted { NodeId: "final" });
        Assert.Equal(RunStatus.Cancelled, (await _server.Runs.GetRunAsync(run.RunId))!.Status);
        Assert.False(await canceller.InvokeAsync<bool>("Cancel", run.RunId));
    }

    [Fact]
    public async Task A_run_keeps_going_when_the_client_that_started_it_goes_away()
    {
        string runId;
        await using (var starter = await _server.ConnectAsync())
            runId = (await starter.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest)).RunId;
        await _server.Gate.Reached.WaitAsync(Patience);
        _server.Gate.Release();

        await using var later = await _server.ConnectAsync();
        var events = await JoinAsync(later, runId, 0);

        AssertWholeRun(events);
        Assert.IsType<RunCompleted>(events[^1]);
    }

    [Fact]
    public async Task A_graceful_shutdown_cancels_running_runs_and_stores_how_they_ended()
    {
        await using var client = await _server.ConnectAsync();
        var run = await client.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest);
        await _server.Gate.Reached.WaitAsync(Patience);

        await _server.StopAsync();

        var record = await _server.Runs.GetRunAsync(run.RunId);
        Assert.Equal(RunStatus.Cancelled, record!.Status);
        var stored = await _server.Runs.GetEventsAsync(run.RunId);
        Assert.IsType<RunCancelled>(stored[^1]);
        Assert.Equal(record.LastSequence, stored[^1].Sequence);
    }

    [Fact]
    public async Task Unknown_workflows_and_runs_get_a_clear_error()
    {
        await using var client = await _server.ConnectAsync();

        var noWorkflow = await Assert.ThrowsAsync<HubException>(() =>
            client.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest with { WorkflowId = "nope" }));
        var noVersion = await Assert.ThrowsAsync<HubException>(() =>
            client.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest with { Version = 9 }));
        var noRun = await Assert.ThrowsAsync<HubException>(() => JoinAsync(client, "missing", 0));

        Assert.Contains("no saved workflow 'nope'", noWorkflow.Message);
        Assert.Contains("no version 9", noVersion.Message);
        Assert.Contains("no run 'missing'", noRun.Message);
    }

    private async Task<List<RunEvent>> JoinAsync(HubConnection connection, string runId, long afterSequence, bool releaseGateOnFirstEvent = false)
    {
        using var patience = new CancellationTokenSource(Patience);
        var events = new List<RunEvent>();
        await foreach (var message in connection.StreamAsync<RunEventMessage>("Join", runId, afterSequence, patience.Token))
        {
            events.Add(message.Event);
            if (releaseGateOnFirstEvent && events.Count == 1)
            {
                Assert.True(_server.Feed.IsActive(runId));
                _server.Gate.Release();
            }
        }
        return events;
    }

    /// <summary>From sequence 1 to a single terminal event at the end, each number exactly once.</summary>
    private static void AssertWholeRun(IReadOnlyList<RunEvent> events)
    {
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.True(events[^1].IsTerminal, $"the last event is {events[^1].GetType().Name}");
        Assert.Single(events, e => e.IsTerminal);
    }
}
