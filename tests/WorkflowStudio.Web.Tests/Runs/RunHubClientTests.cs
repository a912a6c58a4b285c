using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Web.Tests.Runs;

public sealed class RunHubClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private RunServer _server = null!;
    private LoopbackProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        _server = await RunServer.StartAsync();
        _proxy = new LoopbackProxy(_server.Address);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Following_a_run_survives_a_network_drop_without_gap_or_duplicate()
    {
        await using var client = new RunHubClient(new Uri(_proxy.Address + RunHubContract.Path), RunServer.SignIn);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Reconnected += _ => { reconnected.TrySetResult(); return Task.CompletedTask; };
        await client.ConnectAsync();
        var run = await client.StartRunAsync(RunServer.StoryRequest);

        using var patience = new CancellationTokenSource(Patience);
        var events = new List<RunEvent>();
        await foreach (var e in client.FollowAsync(run.RunId, 0, patience.Token))
        {
            events.Add(e);
            if (e is NodeStarted { NodeId: "hold" })
            {
                await _server.Gate.Reached.WaitAsync(Patience);
                _proxy.DropAll();
                // Everything after this point is emitted while the client is cut off or reconnecting.
                _server.Gate.Release();
            }
        }

        await reconnected.Task.WaitAsync(Patience);
        Assert.True(_proxy.Dropped > 0);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.IsType<RunCompleted>(events[^1]);
        Assert.Contains(events, e => e is NodeCompleted { NodeId: "final" });
    }

    [Fact]
    public async Task Starting_and_cancelling_through_the_client()
    {
        await using var client = new RunHubClient(new Uri(_server.Address + RunHubContract.Path), RunServer.SignIn);
        await client.ConnectAsync();
        var run = await client.StartRunAsync(RunServer.StoryRequest);
        await _server.Gate.Reached.WaitAsync(Patience);

        Assert.True(await client.CancelAsync(run.RunId));
        using var patience = new CancellationTokenSource(Patience);
        var events = new List<RunEvent>();
        await foreach (var e in client.FollowAsync(run.RunId, 0, patience.Token)) events.Add(e);

        Assert.IsType<RunCancelled>(events[^1]);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task When_following_ends_the_run_is_already_stored_with_its_final_status()
    {
        await using var client = new RunHubClient(new Uri(_server.Address + RunHubContract.Path), RunServer.SignIn);
        await client.ConnectAsync();
        var run = await client.StartRunAsync(RunServer.StoryRequest);
        await _server.Gate.Reached.WaitAsync(Patience);
        _server.Gate.Release();

        using var patience = new CancellationTokenSource(Patience);
        await foreach (var _ in client.FollowAsync(run.RunId, 0, patience.Token)) { }

        var record = await _server.Runs.GetRunAsync(run.RunId, patience.Token);
        Assert.Equal(WorkflowStudio.Data.Runs.RunStatus.Succeeded, record!.Status);
    }

    [Fact]
    public async Task Following_before_connecting_says_so()
    {
        await using var client = new RunHubClient(new Uri(_server.Address + RunHubContract.Path), RunServer.SignIn);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in client.FollowAsync("any")) { }
        });
        Assert.Contains("connect first", error.Message);
    }
}
