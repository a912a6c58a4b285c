using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Data.Storage;
using WorkflowStudio.Studio.Monitoring;

namespace WorkflowStudio.Studio.Tests.Monitoring;

/// <summary>
/// The overview from rollups against the same overview from raw calls. One studio stores the seeded calls through the
/// writer (rolled up as they are stored); the other holds the same calls as rows stored before rollups existed, so it
/// reads them raw until the backfill takes them.
/// </summary>
public sealed class MonitoringRollupTests : IDisposable
{
    private static readonly DateTimeOffset Base = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<ModelCallRecord> Seeded = Seed();

    // Ragged ends: a day-interval period (daily rollups, hourly ones at its ends, raw calls at the edges) and an
    // hour-multiple one (hourly rollups and raw edges).
    private static readonly MonitoringFilter Month = new(Base.AddDays(2).AddMinutes(90).AddSeconds(17), Base.AddDays(29).AddHours(5).AddMinutes(3));
    private static readonly MonitoringFilter ThreeDays = new(Base.AddDays(5).AddMinutes(37), Base.AddDays(8).AddHours(2).AddMinutes(11));

    private readonly StudioHost _rolled = new();
    private readonly StudioHost _raw = new();

    public void Dispose()
    {
        _rolled.Dispose();
        _raw.Dispose();
    }

    public static IEnumerable<object[]> Filters => FilterCases.Keys.Select(k => new object[] { k });

    private static readonly Dictionary<string, Func<MonitoringFilter, MonitoringFilter>> FilterCases = new()
    {
        ["none"] = f => f,
        ["workflow"] = f => f with { WorkflowId = "flow-1" },
        ["version"] = f => f with { Version = 2 },
        ["tag"] = f => f with { Tag = "production" },
        ["model"] = f => f with { Model = "model-b" },
        ["step"] = f => f with { StepId = "step-2" },
        ["step and model"] = f => f with { StepId = "step-1", Model = "model-a" },
        ["workflow and tag"] = f => f with { WorkflowId = "flow-0", Tag = "production" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_overview_from_rollups_equals_the_one_from_raw_calls(string filterName)
    {
        await SeedBothAsync();
        foreach (var period in new[] { Month, ThreeDays })
        {
            var filter = FilterCases[filterName](period);
            var interval = MonitoringQueries.IntervalFor(filter.To - filter.From);
            Assert.Contains(await _rolled.Get<IModelCallStore>().LoadSlicesAsync(filter, SliceGrain.Intervals(interval)), s => s.Latencies is not null);
            Assert.All(await _raw.Get<IModelCallStore>().LoadSlicesAsync(filter, SliceGrain.Intervals(interval)), s => Assert.Null(s.Latencies));

            var fromRollups = await _rolled.Get<MonitoringQueries>().OverviewAsync(filter);
            var fromRaw = await _raw.Get<MonitoringQueries>().OverviewAsync(filter);

            Assert.True(fromRaw.Totals.Calls > 20, $"the filter {filterName} matches too few calls to mean anything");
            AssertSame(fromRaw, fromRollups);
        }
    }

    [Fact]
    public async Task A_total_over_the_period_takes_the_daily_rollups_a_chart_by_the_hour_cannot_and_sums_the_same()
    {
        await SeedBothAsync();
        var store = _rolled.Get<IModelCallStore>();

        var total = await store.LoadSlicesAsync(Month, SliceGrain.Total);
        var hourly = await store.LoadSlicesAsync(Month, SliceGrain.Intervals(TimeSpan.FromHours(1)));

        Assert.True(total.Count < hourly.Count, $"{total.Count} slices for the total against {hourly.Count} by the hour: daily rollups not read");
        static object Sums(IReadOnlyList<CallSlice> s) => (s.Sum(x => x.Calls), s.Sum(x => x.FailedCalls), s.Sum(x => x.Runs), s.Sum(x => x.Cost));
        Assert.Equal(Sums(hourly), Sums(total));
    }

    [Fact]
    public async Task The_filter_choices_name_every_value_stored_whether_rolled_up_or_not()
    {
        await SeedBothAsync();
        // A call from before rollups existed, in the studio whose other calls are rolled up: its values count too.
        await StoreAsEarlierRowsAsync(_rolled, [Seeded[0] with { WorkflowId = "flow-legacy", Version = 7, Tag = "legacy", Model = "model-old" }]);
        var withLegacy = Seeded.Append(Seeded[0] with { WorkflowId = "flow-legacy", Version = 7, Tag = "legacy", Model = "model-old" }).ToList();

        foreach (var workflow in new[] { null, "flow-1", "flow-legacy" })
        {
            var expected = Json(ChoicesOf(withLegacy, workflow));
            Assert.Equal(expected, Json(await _rolled.Get<MonitoringQueries>().ChoicesAsync(workflow)));
        }
        Assert.Equal(Json(ChoicesOf(Seeded, "flow-0")), Json(await _raw.Get<MonitoringQueries>().ChoicesAsync("flow-0")));
    }

    private static MonitoringChoices ChoicesOf(IReadOnlyList<ModelCallRecord> calls, string? workflowId)
    {
        var ofWorkflow = calls.Where(c => workflowId is null || c.WorkflowId == workflowId).ToList();
        return new MonitoringChoices(
            calls.Where(c => c.WorkflowId is not null).Select(c => c.WorkflowId!).Distinct().Order(StringComparer.Ordinal).ToList(),
            ofWorkflow.Where(c => c.Version is not null).Select(c => c.Version!.Value).Distinct().Order().ToList(),
            ofWorkflow.Where(c => c.Tag is not null).Select(c => c.Tag!).Distinct().Order(StringComparer.Ordinal).ToList(),
            ofWorkflow.Select(c => c.Model).Distinct().Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Raw_totals_count_each_run_once_at_its_first_call_and_take_exact_percentiles()
    {
        await SeedBothAsync();
        var (from, to) = (Month.From, Month.To);
        var inPeriod = Seeded.Where(c => c.At >= from && c.At < to).ToList();
        var firstCalls = Seeded.GroupBy(c => c.RunId).Select(g => g.First()).ToList();
        var latencies = inPeriod.Select(c => c.Latency.TotalMilliseconds).Order().ToList();

        var totals = (await _raw.Get<MonitoringQueries>().OverviewAsync(Month)).Totals;

        Assert.Equal(inPeriod.Count, totals.Calls);
        Assert.Equal(inPeriod.Count(c => c.Failed), totals.FailedCalls);
        Assert.Equal(inPeriod.Count(c => c.CacheHit), totals.CacheHits);
        Assert.Equal(firstCalls.Count(c => c.At >= from && c.At < to), totals.Runs);
        Assert.Equal((inPeriod.Sum(c => (long)c.InputTokens), inPeriod.Sum(c => (long)c.OutputTokens)), (totals.InputTokens, totals.OutputTokens));
        Assert.Equal(Math.Round(inPeriod.Sum(c => c.Cost), 6), totals.Cost);
        Assert.Equal((Rank(latencies, 50), Rank(latencies, 95)), (totals.P50Ms, totals.P95Ms));
    }

    [Fact]
    public async Task The_backfill_rolls_up_earlier_calls_like_the_writer_does_and_a_second_pass_changes_nothing()
    {
        await SeedBothAsync();
        var backfill = _raw.Get<IModelCallStore>();

        Assert.Equal(Seeded.Count, await backfill.BackfillRollupsAsync());
        Assert.Equal(0, await backfill.BackfillRollupsAsync());

        Assert.Equal(await RollupsOf(_rolled), await RollupsOf(_raw));
        foreach (var period in new[] { Month, ThreeDays, Month with { Model = "model-b" } })
            Assert.Equal(Json(await _rolled.Get<MonitoringQueries>().OverviewAsync(period)), Json(await _raw.Get<MonitoringQueries>().OverviewAsync(period)));
    }

    [Fact]
    public async Task The_backfill_runs_as_a_hosted_service_at_start()
    {
        await StoreAsEarlierRowsAsync(_raw, Seeded.Take(50).ToList());

        await _raw.StartAsync();
        await _raw.Services.GetServices<IHostedService>().OfType<ModelCallRollupBackfill>().Single().ExecuteTask!;
        await _raw.StopAsync();

        var hourly = await _raw.Get<StudioDatabase>().OpenAsync(CancellationToken.None);
        await using (hourly)
            Assert.Equal(50, await hourly.Set<ModelCallRollupRow>().Where(r => r.WidthMs == RollupBuckets.HourMs).SumAsync(r => r.Calls));
    }

    [Fact]
    public async Task Calls_recorded_through_the_recorder_are_rolled_up_with_their_runs()
    {
        using var host = new MonitoringHost();
        await host.RunAsync("rivers");
        await host.RunAsync("lakes");

        var now = DateTimeOffset.UtcNow;
        var day = new MonitoringFilter(now.AddHours(-23), now.AddHours(1));
        var slices = await host.Get<IModelCallStore>().LoadSlicesAsync(day, SliceGrain.Intervals(MonitoringQueries.IntervalFor(day.To - day.From)));
        var overview = await host.Get<MonitoringQueries>().OverviewAsync(day);

        Assert.Equal(TimeSpan.FromHours(1), overview.Interval);
        Assert.Contains(slices, s => s.Latencies is not null);
        Assert.Equal((2, 2, 0), (overview.Totals.Calls, overview.Totals.Runs, overview.Totals.FailedCalls));
        Assert.Equal(2, Assert.Single(overview.SlowestSteps).Calls);
    }

    internal static void AssertNear(double exact, double estimate) =>
        Assert.InRange(estimate, exact - Math.Max(exact * LatencyHistogram.Precision, 0.5), exact + Math.Max(exact * LatencyHistogram.Precision, 0.5));

    private static void AssertSame(MonitoringOverview raw, MonitoringOverview rolled)
    {
        Assert.Equal(raw.Totals with { P50Ms = 0, P95Ms = 0 }, rolled.Totals with { P50Ms = 0, P95Ms = 0 });
        AssertNear(raw.Totals.P50Ms, rolled.Totals.P50Ms);
        AssertNear(raw.Totals.P95Ms, rolled.Totals.P95Ms);

        Assert.Equal(raw.Interval, rolled.Interval);
        Assert.Equal(raw.Intervals.Select(i => i with { P50Ms = 0, P95Ms = 0 }), rolled.Intervals.Select(i => i with { P50Ms = 0, P95Ms = 0 }));
        foreach (var (exact, estimate) in raw.Intervals.Zip(rolled.Intervals))
        {
            AssertNear(exact.P50Ms, estimate.P50Ms);
            AssertNear(exact.P95Ms, estimate.P95Ms);
        }

        Assert.Equal(raw.Days, rolled.Days);
        Assert.Equal(raw.FailureReasons, rolled.FailureReasons);

        // Ordered by p95, which rollups only estimate, so compare step by step.
        var steps = rolled.SlowestSteps.ToDictionary(s => (s.WorkflowId, s.StepId));
        Assert.Equal(raw.SlowestSteps.Count, steps.Count);
        foreach (var exact in raw.SlowestSteps)
        {
            var estimate = steps[(exact.WorkflowId, exact.StepId)];
            Assert.Equal((exact.Calls, exact.MaxMs), (estimate.Calls, estimate.MaxMs));
            AssertNear(exact.P50Ms, estimate.P50Ms);
            AssertNear(exact.P95Ms, estimate.P95Ms);
        }
    }

    private async Task SeedBothAsync()
    {
        var store = _rolled.Get<IModelCallStore>();
        foreach (var batch in Seeded.Chunk(ModelCallRecorder.MaxBatch)) await store.AppendAsync(batch);
        await StoreAsEarlierRowsAsync(_raw, Seeded);
    }

    /// <summary>Stores calls as a studio before rollups did: not rolled up, no run marks.</summary>
    private static async Task StoreAsEarlierRowsAsync(StudioHost host, IReadOnlyList<ModelCallRecord> calls)
    {
        await using var db = await host.Get<StudioDatabase>().OpenAsync(CancellationToken.None);
        db.ModelCalls.AddRange(calls.Select(c => new ModelCallRow
        {
            AtMs = c.At.ToUnixTimeMilliseconds(), WorkflowId = c.WorkflowId, Version = c.Version, Tag = c.Tag, RunId = c.RunId, StepId = c.StepId,
            Model = c.Model, Purpose = c.Purpose, InputTokens = c.InputTokens, OutputTokens = c.OutputTokens, Cost = (double)c.Cost,
            LatencyMs = c.Latency.TotalMilliseconds, CacheHit = c.CacheHit, Attempts = c.Attempts, ErrorCode = c.ErrorCode, Error = c.Error,
        }));
        await db.SaveChangesAsync();
    }

    private static async Task<string> RollupsOf(StudioHost host)
    {
        await using var db = await host.Get<StudioDatabase>().OpenAsync(CancellationToken.None);
        var rows = await db.Set<ModelCallRollupRow>().AsNoTracking().ToListAsync();
        foreach (var row in rows) row.Id = 0;
        return Json(rows.OrderBy(r => (r.StartMs, r.WidthMs, r.WorkflowId, r.Version, r.Tag, r.StepId, r.Model, r.ErrorCode)));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static double Rank(List<double> sorted, double percentile) => sorted[(int)Math.Ceiling(percentile / 100 * sorted.Count) - 1];

    /// <summary>
    /// 900 runs of four calls spread over 30 days: two workflows, two versions, a tag or none, four steps (and calls
    /// outside a step), two models, 6% failed under two codes with varied messages, a fifth answered by a cache,
    /// latencies from under a millisecond to a minute. A run's calls lie minutes apart, so some cross an hour or a day.
    /// </summary>
    private static List<ModelCallRecord> Seed()
    {
        var random = new Random(13);
        var calls = new List<ModelCallRecord>();
        for (var run = 0; run < 900; run++)
        {
            var start = Base.AddMilliseconds(random.NextInt64(30L * 86_400_000));
            var (workflow, version, tag) = ($"flow-{random.Next(2)}", 1 + random.Next(2), random.Next(2) == 0 ? "production" : null);
            for (var call = 0; call < 4; call++)
            {
                var failed = random.NextDouble() < 0.06;
                var code = random.Next(2) == 0 ? "provider_error" : "timeout";
                calls.Add(new ModelCallRecord(0, start.AddSeconds(call * random.Next(30, 900)), workflow, version, tag, $"run-{run}",
                    random.Next(5) == 0 ? null : $"step-{random.Next(4)}", 1, random.Next(3) == 0 ? "model-b" : "model-a", "Chat",
                    random.Next(10, 2_000), random.Next(5, 800), random.Next(0, 100_000) / 100_000_000m,
                    TimeSpan.FromMilliseconds(Math.Round(Math.Exp(random.NextDouble() * Math.Log(120_000)) * 0.5, 3)), null,
                    random.Next(5) == 0, 1, failed ? code : null, failed ? $"{code} #{random.Next(1_000)}" : null));
            }
        }
        return calls;
    }
}
