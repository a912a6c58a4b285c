using WorkflowStudio.Studio.Client;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using WorkflowStudio.Core.InProcess;

namespace WorkflowStudio.Benchmarks.Data;

/// <summary>Events per second from the runner through the coordinator, SQLite sink and hub to a .NET SignalR client.</summary>
public sealed class HubThroughputHarness : IHarness
{
    public string Name => "hub-throughput";

    public async Task RunAsync(string[] args)
    {
        var words = args.Length > 0 ? int.Parse(args[0]) : 50_000;
        var text = string.Join(' ', Enumerable.Repeat("word", words));
        await using var server = await BenchServer.StartAsync(new ScriptedModelGateway(_ => text), RunStreams.Stream("stream"));
        await using var client = await server.ConnectAsync();

        await MeasureAsync(client, 2_000, print: false);
        await MeasureAsync(client, words, print: true);
    }

    private static async Task MeasureAsync(HubConnection client, int expected, bool print)
    {
        var started = Stopwatch.GetTimestamp();
        var run = await client.InvokeAsync<StartedRunMessage>("StartRun", RunStreams.Request("stream"));
        var received = await RunStreams.FollowAsync(client, run.RunId);
        if (!print) return;
        var seconds = Stopwatch.GetElapsedTime(received[0].At, received[^1].At).TotalSeconds;
        var total = Stopwatch.GetElapsedTime(started, received[^1].At).TotalSeconds;
        Console.WriteLine($"events received: {received.Count:N0} (deltas requested {expected:N0})");
        Console.WriteLine($"first→last event: {seconds:F2} s = {received.Count / seconds:N0} events/s");
        Console.WriteLine($"StartRun→last event: {total:F2} s = {received.Count / total:N0} events/s");
    }
}
