using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.AI.Models;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Studio;
using WorkflowStudio.Studio.Configuration;
using WorkflowStudio.Studio.Monitoring;

namespace WorkflowStudio.Benchmarks.Monitoring;

/// <summary>
/// Model-call recording: what a call pays on its own path (Observe, which only queues) and how fast the background
/// writer stores (raw calls and their rollups); then the Monitoring page's queries over N recorded calls (default 100,000)
/// spread over 30 days, a fifth of them cache hits.
/// </summary>
public sealed class MonitoringHarness : IHarness
{
    public string Name => "monitoring";

    public async Task RunAsync(string[] args)
    {
        var total = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var folder = Directory.CreateTempSubdirectory("ws-monitoring-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StudioPaths.DataDirectoryKey] = folder, ["Studio:Monitoring:QueueCapacity"] = "1000000",
        }).Build();
        await using (var services = new ServiceCollection().AddLogging().AddWorkflowStudio(configuration, StudioPaths.From(configuration, folder, folder)).BuildServiceProvider())
        {
            await RecordAsync(services.GetRequiredService<ModelCallRecorder>(), total);
            await QueryAsync(services.GetRequiredService<MonitoringQueries>());
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task RecordAsync(ModelCallRecorder recorder, int total)
    {
        var now = DateTimeOffset.UtcNow;
        var calls = Enumerable.Range(0, total).Select(i => new ModelCallObservation(
            new ModelCallScope($"workflow-{i % 5}", 1 + i % 3, i % 2 == 0 ? "production" : null, $"run-{i / 3}", $"step-{i % 7}", 1),
            i % 4 == 0 ? "gpt-4o-mini" : "offline", ModelPurpose.Chat, now.AddSeconds(-(i * 30L * 86_400 / total)), TimeSpan.FromMilliseconds(50 + i % 900))
        {
            InputTokens = 200 + i % 50, OutputTokens = 80 + i % 40, Cost = 0.0001m * (i % 10), TimeToFirstToken = TimeSpan.FromMilliseconds(20),
            ErrorCode = i % 50 == 0 ? "provider_error" : null, Error = i % 50 == 0 ? "The provider failed (HTTP 500)." : null,
            CacheHit = i % 5 == 1,
        }).ToList();

        var clock = Stopwatch.StartNew();
        foreach (var call in calls) recorder.Observe(call);
        var queued = clock.Elapsed;
        await recorder.FlushAsync();
        clock.Stop();
        Console.WriteLine($"Observe (the call's own cost): {queued.TotalMilliseconds * 1_000_000 / total:N0} ns per call ({total:N0} calls queued in {queued.TotalMilliseconds:N0} ms)");
        Console.WriteLine($"background writer: {total:N0} calls stored in {clock.Elapsed.TotalSeconds:F2} s = {total / clock.Elapsed.TotalSeconds:N0} calls/s (dropped {recorder.Dropped}, failed {recorder.Failed})");
    }

    private static async Task QueryAsync(MonitoringQueries queries)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(1);
        var month = new MonitoringFilter(now.AddDays(-30), now);
        (string, Func<Task>)[] cases =
        [
            ("overview, 30 days, all workflows", () => queries.OverviewAsync(month)),
            ("overview, 30 days, one workflow", () => queries.OverviewAsync(month with { WorkflowId = "workflow-3" })),
            ("overview, 7 days, all workflows", () => queries.OverviewAsync(month with { From = now.AddDays(-7) })),
            ("overview, 24 hours, all workflows", () => queries.OverviewAsync(month with { From = now.AddDays(-1) })),
            ("overview, 1 hour, all workflows", () => queries.OverviewAsync(month with { From = now.AddHours(-1) })),
            ("call list, first page of 25", () => queries.ListCallsAsync(month, 0, 25)),
            ("call list, failed only, page 10", () => queries.ListCallsAsync(month with { FailedOnly = true }, 250, 25)),
            ("filter choices", () => queries.ChoicesAsync(null)),
        ];
        foreach (var (name, query) in cases)
        {
            await query();
            var times = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var clock = Stopwatch.StartNew();
                await query();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"{name}: median {times[2]:N0} ms (min {times[0]:N0}, max {times[^1]:N0}) of 5");
        }
        var totals = (await queries.OverviewAsync(month)).Totals;
        Console.WriteLine($"30-day totals: {totals.Calls:N0} calls, {totals.Runs:N0} runs, {totals.FailedCalls:N0} failed, cache hit rate {totals.CacheHitRate:P1}, p50/p95 {totals.P50Ms:N0}/{totals.P95Ms:N0} ms");
    }
}
