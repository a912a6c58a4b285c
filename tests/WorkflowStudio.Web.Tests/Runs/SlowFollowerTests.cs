using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Web.Tests.Runs;

public sealed class SlowFollowerTests : IAsyncLifetime
{
    // The story run emits more than this many events after its hold, so a follower that stops reading there overflows.
    private const int Capacity = 2;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private RunServer _server = null!;

    public async Task InitializeAsync() => _server = await RunServer.StartAsync(new Dictionary<string, string?> { ["Studio:Limits:FollowerCapacity"] = Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_follower_that_stops_reading_is_dropped_without_holding_up_the_run_or_other_followers()
    {
        using var patience = new CancellationTokenSource(Patience);
        var (whole, delivered) = await RunWithAStalledFollowerAsync(patience.Token);

        Assert.IsType<RunCompleted>(whole[^1]);
        Assert.Equal(Enumerable.Range(1, whole.Count).Select(i => (long)i), whole.Select(e => e.Sequence));
        Assert.InRange(delivered.Count, 1, whole.Count - 1);
        Assert.Equal(whole.Take(delivered.Count).Select(RunEventJson.Serialize), delivered.Select(RunEventJson.Serialize));
        var record = await _server.Runs.GetRunAsync(whole[0].RunId, patience.Token);
        Assert.Equal(RunStatus.Succeeded, record!.Status);
    }

    [Fact]
    public async Task A_client_that_rejoins_after_being_dropped_gets_every_event_once_in_order()
    {
        using var patience = new CancellationTokenSource(Patience);
        var (_, delivered) = await RunWithAStalledFollowerAsync(patience.Token);
        var runId = delivered[0].RunId;

        await using var client = new RunHubClient(new Uri(_server.Address + RunHubContract.Path), RunServer.SignIn);
        await client.ConnectAsync(patience.Token);
        var rest = await client.FollowAsync(runId, delivered[^1].Sequence, patience.Token).ToListAsync(patience.Token);

        var stored = await _server.Runs.GetEventsAsync(runId, 0, int.MaxValue, patience.Token);
        Assert.Equal(stored.Select(RunEventJson.Serialize), delivered.Concat(rest).Select(RunEventJson.Serialize));
    }

    /// <summary>
    /// Runs the story with one follower that reads a single event at the hold and then nothing, and one hub client that
    /// reads everything live. Returns what the client saw and what the stalled follower got before it was dropped.
    /// </summary>
    private async Task<(List<RunEvent> Whole, List<RunEvent> Delivered)> RunWithAStalledFollowerAsync(CancellationToken ct)
    {
        await using var client = new RunHubClient(new Uri(_server.Address + RunHubContract.Path), RunServer.SignIn);
        await client.ConnectAsync(ct);
        var run = await client.StartRunAsync(RunServer.StoryRequest, ct);
        await _server.Gate.Reached.WaitAsync(ct);

        await using var stalled = _server.Feed.FollowAsync(run.RunId, 0, ct).GetAsyncEnumerator(ct);
        Assert.True(await stalled.MoveNextAsync());
        var delivered = new List<RunEvent> { stalled.Current };

        var whole = new List<RunEvent>();
        await foreach (var e in client.FollowAsync(run.RunId, 0, ct))
        {
            whole.Add(e);
            // Released once this client has an event, so it follows live while the stalled follower overflows.
            if (whole.Count == 1) _server.Gate.Release();
        }

        await Assert.ThrowsAsync<RunFollowerFellBehindException>(async () =>
        {
            while (await stalled.MoveNextAsync()) delivered.Add(stalled.Current);
        });
        return (whole, delivered);
    }
}
