using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Studio.Monitoring;

namespace WorkflowStudio.Studio.Tests.Monitoring;

/// <summary>The page's aggregates over calls stored with known numbers.</summary>
public sealed class MonitoringQueriesTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    private readonly StudioHost _host = new();

    public void Dispose() => _host.Dispose();

    private static ModelCallRecord Call(int minute, string step, double latencyMs, string? error = null, string run = "r1", string workflow = "w", decimal cost = 0.5m) =>
        new(0, Day.AddMinutes(minute), workflow, 1, "production", run, step, 1, "offline", "Chat", 10, 20, cost,
            TimeSpan.FromMilliseconds(latencyMs), null, false, 1, error is null ? null : "provider_error", error);

    [Fact]
    public async Task Totals_percentiles_intervals_days_slowest_steps_and_failure_reasons_come_from_the_matching_calls()
    {
        var calls = Enumerable.Range(1, 100).Select(i => Call(i % 60, "fast", i)).ToList();
        calls.Add(Call(5, "slow", 5_000, run: "r2"));
        calls.Add(Call(6, "slow", 7_000, error: "The provider failed (HTTP 500).", run: "r2"));
        calls.Add(Call(24 * 60 + 1, "fast", 1, error: "The provider failed (HTTP 500).", run: "r3"));
        calls.Add(Call(7, "fast", 99_999, workflow: "other"));
        await _host.Get<IModelCallStore>().AppendAsync(calls);

        var filter = new MonitoringFilter(Day, Day.AddDays(2)) { WorkflowId = "w" };
        var overview = await _host.Get<MonitoringQueries>().OverviewAsync(filter);

        Assert.Equal((103, 2, 3), (overview.Totals.Calls, overview.Totals.FailedCalls, overview.Totals.Runs));
        Assert.Equal(51.5m, overview.Totals.Cost);
        // 103 latencies: 1, 1, 2 ... 100, 5000, 7000; nearest rank 52 and 98, read from hourly rollups' histograms.
        MonitoringRollupTests.AssertNear(51, overview.Totals.P50Ms);
        MonitoringRollupTests.AssertNear(97, overview.Totals.P95Ms);
        Assert.Equal(TimeSpan.FromHours(1), overview.Interval);
        Assert.Equal([102, 1], overview.Intervals.Select(i => i.Calls));
        Assert.Equal([new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 1)], overview.Days.Select(d => d.Day));
        Assert.Equal(("slow", 7_000d), (overview.SlowestSteps[0].StepId, overview.SlowestSteps[0].MaxMs));
        var reason = Assert.Single(overview.FailureReasons);
        Assert.Equal(("provider_error", 2), (reason.Code, reason.Count));
    }

    [Fact]
    public async Task The_call_list_pages_newest_first_and_filters_by_step_and_failure()
    {
        await _host.Get<IModelCallStore>().AppendAsync([Call(1, "a", 10), Call(2, "b", 20, error: "boom"), Call(3, "a", 30)]);
        var queries = _host.Get<MonitoringQueries>();
        var filter = new MonitoringFilter(Day, Day.AddDays(1));

        var page = await queries.ListCallsAsync(filter, 0, 2);
        Assert.Equal(3, page.Total);
        Assert.Equal([30d, 20d], page.Calls.Select(c => c.Latency.TotalMilliseconds));
        Assert.Equal(2, (await queries.ListCallsAsync(filter with { StepId = "a" }, 0, 10)).Total);
        Assert.Equal("b", Assert.Single((await queries.ListCallsAsync(filter with { FailedOnly = true }, 0, 10)).Calls).StepId);
        Assert.Equal(["w"], (await queries.ChoicesAsync(null)).Workflows);
    }
}
