using Microsoft.AspNetCore.SignalR.Client;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Web.Hubs;

namespace WorkflowStudio.Web.Tests.Runs;

/// <summary>
/// SignalR's default limit of 32 KB per message dropped the connection, without a word, under a run the studio accepts:
/// 15,000 Chinese characters are within an input's 20,000 but take 45 KB as UTF-8.
/// </summary>
public sealed class RunHubMessageSizeTests : IAsyncLifetime
{
    // Only a guard against a hung test; no assertion depends on time.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private RunServer _server = null!;

    public async Task InitializeAsync() => _server = await RunServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Inputs_past_32_KB_that_the_studio_accepts_run_and_the_connection_stays_usable()
    {
        _server.Gate.Release();
        await using var client = await _server.ConnectAsync();

        var events = await RunAsync(client, new string('灯', 15_000));

        Assert.IsType<RunCompleted>(events[^1]);
        Assert.Equal(HubConnectionState.Connected, client.State);
        Assert.IsType<RunCompleted>((await RunAsync(client, "a lighthouse"))[^1]);
    }

    [Fact]
    public async Task Inputs_past_the_studio_limit_fail_the_run_with_a_sentence_and_the_connection_stays_usable()
    {
        _server.Gate.Release();
        await using var client = await _server.ConnectAsync();

        var events = await RunAsync(client, new string('t', 40_000));

        var failed = Assert.IsType<RunFailed>(events[^1]);
        Assert.Contains("'topic' is 40,000 characters; it accepts at most 20,000", failed.Message);
        Assert.Equal(HubConnectionState.Connected, client.State);
        Assert.IsType<RunCompleted>((await RunAsync(client, "a lighthouse"))[^1]);
    }

    [Fact]
    public async Task A_message_past_the_hub_limit_closes_the_connection_with_a_sentence_naming_the_limit()
    {
        await using var client = await _server.ConnectAsync();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        var limit = RunHubRegistration.MaxMessageBytes(100_000);

        await Assert.ThrowsAnyAsync<Exception>(() => client.InvokeAsync<StartedRunMessage>("StartRun",
            RunServer.StoryRequest with { Inputs = new Dictionary<string, string> { ["topic"] = new string('t', (int)limit) } }));

        var reason = await closed.Task.WaitAsync(Patience);
        Assert.NotNull(reason);
        Assert.Contains($"The maximum message size of {limit}B was exceeded", reason.Message);
    }

    private static async Task<List<RunEvent>> RunAsync(HubConnection client, string topic)
    {
        var run = await client.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest with { Inputs = new Dictionary<string, string> { ["topic"] = topic } });
        using var patience = new CancellationTokenSource(Patience);
        var events = new List<RunEvent>();
        await foreach (var message in client.StreamAsync<RunEventMessage>("Join", run.RunId, 0L, patience.Token)) events.Add(message.Event);
        return events;
    }
}
