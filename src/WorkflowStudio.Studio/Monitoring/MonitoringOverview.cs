namespace WorkflowStudio.Studio.Monitoring;

/// <summary>Everything the Monitoring page charts for a period, computed from the matching calls' rollups or raw rows.</summary>
public sealed record MonitoringOverview(
    MonitoringTotals Totals,
    TimeSpan Interval,
    IReadOnlyList<IntervalPoint> Intervals,
    IReadOnlyList<DailyUsage> Days,
    IReadOnlyList<StepLatency> SlowestSteps,
    IReadOnlyList<FailureReason> FailureReasons,
    IReadOnlyList<FeedbackPoint> Feedback)
{
    public bool IsEmpty => Totals.Calls == 0 && Feedback.Count == 0;
}

/// <summary>The period's figures; <see cref="CacheHits"/> are calls answered by a cache (exact or semantic) instead of the model.</summary>
public sealed record MonitoringTotals(int Calls, int FailedCalls, int Runs, long InputTokens, long OutputTokens, decimal Cost, double P50Ms, double P95Ms,
    int CacheHits)
{
    public double ErrorRate => Calls == 0 ? 0 : (double)FailedCalls / Calls;
    public double CacheHitRate => Calls == 0 ? 0 : (double)CacheHits / Calls;
}

/// <summary>One interval of the period: runs first seen in it, calls, failed calls and call latency percentiles.</summary>
public sealed record IntervalPoint(DateTimeOffset Start, int Runs, int Calls, int FailedCalls, double P50Ms, double P95Ms);

public sealed record DailyUsage(DateOnly Day, long InputTokens, long OutputTokens, decimal Cost);

public sealed record StepLatency(string WorkflowId, string StepId, int Calls, double P50Ms, double P95Ms, double MaxMs);

public sealed record FailureReason(string Code, string Message, int Count, DateTimeOffset LastAt);

/// <summary>Average feedback score (0 to 1) in an interval, with how many answers it averages.</summary>
public sealed record FeedbackPoint(DateTimeOffset Start, double AverageScore, int Count);
