using System.Diagnostics;
using System.Globalization;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Testing.Faults;

namespace WorkflowStudio.Benchmarks.Deployments;

/// <summary>
/// Deployment calls against a provider failing a share of its requests (`harness deploy-faults [runs] [rate] [concurrency]`,
/// default 10,000 at 0.3, 64 at once): completed, failed with a reason, stuck, and runs with lost events, counted from the
/// stored runs by the same driver the fault test uses.
/// </summary>
public sealed class DeploymentFaultsHarness : IHarness
{
    public string Name => "deploy-faults";

    public async Task RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var rate = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0.3;
        var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 64;
        var resilience = new TagResilience(Retries: 3, RetryDelayMs: 20, TimeoutSeconds: 1, FallbackModel: "steady", CacheResponses: false);
        await using var faults = await FaultedDeployments.StartAsync(rate, resilience, concurrency);
        faults.Server.KeepRequests = false;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{runs} deployment calls, {rate:P0} of 'flaky' requests faulted, {concurrency} at once; tag: {resilience}"));

        var clock = Stopwatch.StartNew();
        var audit = await faults.DriveAsync(runs, concurrency, stuckAfter: TimeSpan.FromMinutes(5));
        clock.Stop();

        Console.WriteLine(audit);
        Console.WriteLine("faults injected: " + string.Join(", ", faults.Server.InjectedFaults.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}"))
                          + $"; provider requests {faults.Server.ChatRequests}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wall {clock.Elapsed.TotalSeconds:0.0} s, {runs / clock.Elapsed.TotalSeconds:0} runs/s"));
    }
}
