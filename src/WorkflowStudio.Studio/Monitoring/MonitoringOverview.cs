namespace WorkflowStudio.Studio.Monitoring;

/// <summary>Everything the Monitoring page charts for a period, computed in one pass over the matching calls.</summary>
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

public sealed record MonitoringTotals(int Calls, int FailedCalls, int Runs, long InputTokens, long OutputTokens, decimal Cost, double P50Ms, double P95Ms)
{
    public double ErrorRate => Calls == 0 ? 0 : (double)FailedCalls / Calls;
}

/// <summary>One interval of the period: runs seen, calls, failed calls and call latency percentiles.</summary>
public sealed record IntervalPoint(DateTimeOffset Start, int Runs, int Calls, int FailedCalls, double P50Ms, double P95Ms);

public sealed record DailyUsage(DateOnly Day, long InputTokens, long OutputTokens, decimal Cost);

public sealed record StepLatency(string WorkflowId, string StepId, int Calls, double P50Ms, double P95Ms, double MaxMs);

public sealed record FailureReason(string Code, string Message, int Count, DateTimeOffset LastAt);

/// <summary>Average feedback score (0 to 1) in an interval, with how many answers it averages.</summary>
public sealed record FeedbackPoint(DateTimeOffset Start, double AverageScore, int Count);
