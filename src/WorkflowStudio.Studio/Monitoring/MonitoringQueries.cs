using WorkflowStudio.Data.Monitoring;

namespace WorkflowStudio.Studio.Monitoring;

/// <summary>The Monitoring page's questions: charts and tables for a period and filters, the call list, and the filter choices.</summary>
public sealed class MonitoringQueries(IModelCallStore calls, IFeedbackStore feedback)
{
    public const int TopRows = 10;

    /// <summary>About this many points per chart, whatever the period.</summary>
    public const int TargetIntervals = 48;

    public async Task<MonitoringOverview> OverviewAsync(MonitoringFilter filter, CancellationToken ct = default)
    {
        var points = await calls.LoadPointsAsync(filter, ct);
        var answers = await feedback.ListAsync(filter with { Model = null, StepId = null }, 100_000, ct);
        var interval = IntervalFor(filter.To - filter.From);
        return new MonitoringOverview(Totals(points), interval, Intervals(points, filter.From, interval), Days(points),
            SlowestSteps(points), FailureReasons(points), FeedbackSeries(answers, filter.From, interval));
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

    private static MonitoringTotals Totals(IReadOnlyList<CallPoint> points)
    {
        var latencies = new List<double>(points.Count);
        var runs = new HashSet<string>(StringComparer.Ordinal);
        long input = 0, output = 0;
        double cost = 0;
        var failed = 0;
        foreach (var p in points)
        {
            latencies.Add(p.LatencyMs);
            if (p.RunId is { } run) runs.Add(run);
            input += p.InputTokens;
            output += p.OutputTokens;
            cost += p.Cost;
            if (p.ErrorCode is not null) failed++;
        }
        var (p50, p95) = Percentiles.Both(latencies);
        return new MonitoringTotals(points.Count, failed, runs.Count, input, output, Math.Round((decimal)cost, 6), p50, p95);
    }

    private static List<IntervalPoint> Intervals(IReadOnlyList<CallPoint> points, DateTimeOffset from, TimeSpan interval)
    {
        var start = from.ToUnixTimeMilliseconds();
        var width = (long)interval.TotalMilliseconds;
        return points.GroupBy(p => (p.AtMs - start) / width).OrderBy(g => g.Key).Select(g =>
        {
            var (p50, p95) = Percentiles.Both(g.Select(p => p.LatencyMs).ToList());
            return new IntervalPoint(DateTimeOffset.FromUnixTimeMilliseconds(start + g.Key * width),
                g.Where(p => p.RunId is not null).Select(p => p.RunId).Distinct().Count(), g.Count(), g.Count(p => p.ErrorCode is not null), p50, p95);
        }).ToList();
    }

    private static List<DailyUsage> Days(IReadOnlyList<CallPoint> points) =>
        points.GroupBy(p => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(p.AtMs).UtcDateTime)).OrderBy(g => g.Key)
            .Select(g => new DailyUsage(g.Key, g.Sum(p => (long)p.InputTokens), g.Sum(p => (long)p.OutputTokens), Math.Round((decimal)g.Sum(p => p.Cost), 6)))
            .ToList();

    private static List<StepLatency> SlowestSteps(IReadOnlyList<CallPoint> points) =>
        points.Where(p => p.StepId is not null).GroupBy(p => (p.WorkflowId ?? "", p.StepId!)).Select(g =>
        {
            var latencies = g.Select(p => p.LatencyMs).ToList();
            var (p50, p95) = Percentiles.Both(latencies);
            return new StepLatency(g.Key.Item1, g.Key.Item2, latencies.Count, p50, p95, latencies[^1]);
        }).OrderByDescending(s => s.P95Ms).Take(TopRows).ToList();

    private static List<FailureReason> FailureReasons(IReadOnlyList<CallPoint> points) =>
        points.Where(p => p.ErrorCode is not null).GroupBy(p => (p.ErrorCode!, p.Error ?? ""))
            .Select(g => new FailureReason(g.Key.Item1, g.Key.Item2, g.Count(), DateTimeOffset.FromUnixTimeMilliseconds(g.Max(p => p.AtMs))))
            .OrderByDescending(r => r.Count).ThenByDescending(r => r.LastAt).Take(TopRows).ToList();

    private static List<FeedbackPoint> FeedbackSeries(IReadOnlyList<FeedbackRecord> answers, DateTimeOffset from, TimeSpan interval) =>
        answers.GroupBy(a => (long)((a.At - from) / interval)).OrderBy(g => g.Key)
            .Select(g => new FeedbackPoint(from + interval * g.Key, g.Average(a => a.Score), g.Count())).ToList();
}
