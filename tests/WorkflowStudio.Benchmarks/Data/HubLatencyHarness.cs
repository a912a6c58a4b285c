using WorkflowStudio.Studio.Client;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

namespace WorkflowStudio.Benchmarks.Data;

/// <summary>Engine-emit → client-receive latency with the model streaming at a steady rate (default 1,000 events/s for 10 s).</summary>
public sealed class HubLatencyHarness : IHarness
{
    public string Name => "hub-latency";

    public async Task RunAsync(string[] args)
    {
        var perSecond = args.Length > 0 ? double.Parse(args[0]) : 1_000;
        var seconds = args.Length > 1 ? double.Parse(args[1]) : 10;
        var words = (int)(perSecond * seconds);
        await using var server = await BenchServer.StartAsync(new PacedModelGateway(words, perSecond), RunStreams.Stream("paced"));
        await using var client = await server.ConnectAsync();

        var run = await client.InvokeAsync<StartedRunMessage>("StartRun", RunStreams.Request("paced"));
        var received = await RunStreams.FollowAsync(client, run.RunId);

        // The first second is warm-up (JIT, first database writes); the figures are over the rest.
        var steady = received.Where(r => r.Event is Core.Running.NodeDelta).Skip((int)perSecond).Select(r => r.LatencyMs).Order().ToList();
        var span = Stopwatch.GetElapsedTime(received[0].At, received[^1].At).TotalSeconds;
        Console.WriteLine($"events: {received.Count:N0} over {span:F2} s ({received.Count / span:N0}/s achieved); latency over the last {steady.Count:N0} deltas:");
        Console.WriteLine($"p50 {RunStreams.Percentile(steady, 50):F2} ms, p95 {RunStreams.Percentile(steady, 95):F2} ms, p99 {RunStreams.Percentile(steady, 99):F2} ms, max {steady[^1]:F2} ms");
    }
}
