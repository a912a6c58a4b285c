using WorkflowStudio.Studio.Client;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using WorkflowStudio.AI;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Benchmarks.Data;

/// <summary>
/// Memory of the server (and its one client, same process) while 50 runs of the SEO template go at once on the
/// offline model, each followed over the hub. The offline model is slowed to a few ms a token so the runs overlap.
/// </summary>
public sealed class ConcurrentRunsHarness : IHarness
{
    public string Name => "concurrent-runs";

    public async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0]) : 50;
        var msPerToken = args.Length > 1 ? args[1] : "5";
        var seo = WorkflowJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "templates", "seo-article.json")));
        await using var server = await BenchServer.StartAsync(builder =>
        {
            builder.Configuration["Studio:Models:Offline:LatencyMsPerToken"] = msPerToken;
        }, seo);
        await using var client = await server.ConnectAsync();
        var inputs = new Dictionary<string, string> { ["keyword"] = "sqlite", ["audience"] = "developers" };

        var warmUp = await RunStreams.FollowAsync(client, (await client.InvokeAsync<StartedRunMessage>("StartRun", RunStreams.Request(seo.Id, inputs))).RunId);
        if (warmUp[^1].Event is not RunCompleted)
            throw new InvalidOperationException($"The warm-up run did not succeed: {RunEventJson.Serialize(warmUp[^1].Event)}");
        var baseline = Snapshot();

        // Live heap (after a full collection) sampled while the runs go, with how many were running at that moment.
        var peakLive = (Bytes: 0L, Active: 0);
        var peakWorkingSet = 0L;
        using var process = Process.GetCurrentProcess();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var active = server.Coordinator.ActiveRuns;
                var live = GC.GetTotalMemory(forceFullCollection: true);
                if (live > peakLive.Bytes) peakLive = (live, active);
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                await Task.Delay(100);
            }
        });
        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => client.InvokeAsync<StartedRunMessage>("StartRun", RunStreams.Request(seo.Id, inputs))));
        var followed = await Task.WhenAll(runs.Select(r => RunStreams.FollowAsync(client, r.RunId)));
        clock.Stop();
        await sampling.CancelAsync();
        await sampler;

        var events = followed.Sum(f => f.Count);
        var succeeded = followed.Count(f => f[^1].Event is RunCompleted);
        Console.WriteLine($"{count} concurrent runs of '{seo.Id}' on the offline model ({msPerToken} ms/token): {succeeded} succeeded, " +
                          $"{events:N0} events in {clock.Elapsed.TotalSeconds:F2} s (one run alone: {warmUp.Count} events)");
        Console.WriteLine($"working set: {Mb(baseline.WorkingSet)} before, peak {Mb(peakWorkingSet)} while running");
        Console.WriteLine($"live managed heap: {Mb(baseline.Managed)} before, peak {Mb(peakLive.Bytes)} with {peakLive.Active} runs going " +
                          $"(≈ {(peakLive.Bytes - baseline.Managed) / 1024.0 / Math.Max(1, peakLive.Active):F0} KB per run)");
    }

    private static (long WorkingSet, long Managed) Snapshot()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64, GC.GetTotalMemory(true));
    }

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MB";
}
