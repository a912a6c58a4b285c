using WorkflowStudio.Data.Monitoring;

namespace WorkflowStudio.Studio.Monitoring;

/// <summary>The Monitoring page's questions: charts and tables for a period and filters, the call list, and the filter choices.</summary>
public sealed class MonitoringQueries(IModelCallStore calls, IFeedbackStore feedback)
{
    public const int TopRows = 10;

    /// <summary>About this many points per chart, whatever the period.</summary>
    public const int TargetIntervals = 48;

    /// <summary>
    /// Charts and tables over the calls the filter matches, from the store's slices: rollups for periods charted by
    /// the hour or more, raw calls otherwise. Intervals start at multiples of their width since the Unix epoch, so the
    /// first and last may be partly outside the period. A run counts once, in the interval of its first matching call.
    /// </summary>
    public async Task<MonitoringOverview> OverviewAsync(MonitoringFilter filter, CancellationToken ct = default)
    {
        var interval = IntervalFor(filter.To - filter.From);
        var slices = await calls.LoadSlicesAsync(filter, SliceGrain.Intervals(interval), ct);
        var answers = await feedback.ListAsync(filter with { Model = null, StepId = null }, 100_000, ct);
        return new MonitoringOverview(Totals(slices), interval, Intervals(slices, interval), Days(slices),
            SlowestSteps(slices), FailureReasons(slices), FeedbackSeries(answers, interval));
    }

    public Task<CallPage> ListCallsAsync(MonitoringFilter filter, int skip, int take, CancellationToken ct = default) =>
        calls.ListAsync(filter, skip, take, ct);

    public Task<ModelCallRecord?> GetCallAsync(long id, CancellationToken ct = default) => calls.GetAsync(id, ct);

    public Task<MonitoringChoices> ChoicesAsync(string? workflowId, CancellationToken ct = default) => calls.ChoicesAsync(workflowId, ct);

    /// <summary>A round interval giving at most about <see cref="TargetIntervals"/> points: 1 minute up to 1 day.</summary>
    public static TimeSpan IntervalFor(TimeSpan period)
    {
        TimeSpan[] steps = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1),
            TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromDays(1)];
        return steps.FirstOrDefault(s => period / s <= TargetIntervals, steps[^1]);
    }

    private static MonitoringTotals Totals(IReadOnlyList<CallSlice> slices)
    {
        var all = CallTally.Of(slices);
        var (p50, p95) = all.Percentiles();
        return new MonitoringTotals(all.Calls, all.FailedCalls, all.Runs, all.InputTokens, all.OutputTokens, all.RoundedCost, p50, p95, all.CacheHits);
    }

    private static List<IntervalPoint> Intervals(IReadOnlyList<CallSlice> slices, TimeSpan interval)
    {
        var width = (long)interval.TotalMilliseconds;
        return slices.GroupBy(s => RollupBuckets.Start(s.StartMs, width)).OrderBy(g => g.Key).Select(g =>
        {
            var tally = CallTally.Of(g);
            var (p50, p95) = tally.Percentiles();
            return new IntervalPoint(DateTimeOffset.FromUnixTimeMilliseconds(g.Key), tally.Runs, tally.Calls, tally.FailedCalls, p50, p95);
        }).ToList();
    }

    private static List<DailyUsage> Days(IReadOnlyList<CallSlice> slices) =>
        slices.GroupBy(s => RollupBuckets.Start(s.StartMs, RollupBuckets.DayMs)).OrderBy(g => g.Key).Select(g =>
        {
            var tally = CallTally.Of(g);
            return new DailyUsage(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(g.Key).UtcDateTime), tally.InputTokens, tally.OutputTokens, tally.RoundedCost);
        }).ToList();

    private static List<StepLatency> SlowestSteps(IReadOnlyList<CallSlice> slices) =>
        slices.Where(s => s.StepId is not null).GroupBy(s => (s.WorkflowId ?? "", s.StepId!)).Select(g =>
        {
            var tally = CallTally.Of(g);
            var (p50, p95) = tally.Percentiles();
            return new StepLatency(g.Key.Item1, g.Key.Item2, tally.Calls, p50, p95, tally.MaxLatencyMs);
        }).OrderByDescending(s => s.P95Ms).Take(TopRows).ToList();

    // One row per error code with its latest message: rollups keep only that message, so raw calls are read the same way.
    private static List<FailureReason> FailureReasons(IReadOnlyList<CallSlice> slices) =>
        slices.Where(s => s.FailedCalls > 0).GroupBy(s => s.ErrorCode ?? "").Select(g =>
        {
            var tally = CallTally.Of(g);
            return new FailureReason(g.Key, tally.LastError ?? "", tally.FailedCalls, DateTimeOffset.FromUnixTimeMilliseconds(tally.LastAtMs));
        }).OrderByDescending(r => r.Count).ThenByDescending(r => r.LastAt).Take(TopRows).ToList();

    private static List<FeedbackPoint> FeedbackSeries(IReadOnlyList<FeedbackRecord> answers, TimeSpan interval)
    {
        var width = (long)interval.TotalMilliseconds;
        return answers.GroupBy(a => RollupBuckets.Start(a.At.ToUnixTimeMilliseconds(), width)).OrderBy(g => g.Key)
            .Select(g => new FeedbackPoint(DateTimeOffset.FromUnixTimeMilliseconds(g.Key), g.Average(a => a.Score), g.Count())).ToList();
    }
}
