namespace WorkflowStudio.Data.Monitoring;

/// <summary>A model call to store; <see cref="Prompt"/> and <see cref="Answer"/> only when the deployment opted in.</summary>
public sealed record ModelCallRecord(
    long Id,
    DateTimeOffset At,
    string? WorkflowId,
    int? Version,
    string? Tag,
    string? RunId,
    string? StepId,
    int Iteration,
    string Model,
    string Purpose,
    int InputTokens,
    int OutputTokens,
    decimal Cost,
    TimeSpan Latency,
    TimeSpan? TimeToFirstToken,
    bool CacheHit,
    int Attempts,
    string? ErrorCode,
    string? Error,
    string? Prompt = null,
    string? Answer = null)
{
    public bool Failed => ErrorCode is not null;
    /// <summary>The model the step asked for, when <see cref="Model"/> is the fallback that answered.</summary>
    public string? FallbackFrom { get; init; }
}

/// <summary>Which calls: a period, and any of workflow, version, tag, model, step, run, and failures only.</summary>
public sealed record MonitoringFilter(DateTimeOffset From, DateTimeOffset To)
{
    public string? WorkflowId { get; init; }
    public int? Version { get; init; }
    public string? Tag { get; init; }
    public string? Model { get; init; }
    public string? StepId { get; init; }
    public string? RunId { get; init; }
    public bool FailedOnly { get; init; }
}

public sealed record CallPage(IReadOnlyList<ModelCallRecord> Calls, int Total);

/// <summary>Workflows, versions, tags and models that have calls, for the filter pickers.</summary>
public sealed record MonitoringChoices(IReadOnlyList<string> Workflows, IReadOnlyList<int> Versions, IReadOnlyList<string> Tags, IReadOnlyList<string> Models);

public sealed record NewFeedback(string RunId, string WorkflowId, int Version, string? Tag, DateTimeOffset At, double Score, bool? ThumbsUp,
    string? Label, string? Comment, string? Correction, string By);

public sealed record FeedbackRecord(long Id, string RunId, string WorkflowId, int Version, string? Tag, DateTimeOffset At, double Score,
    bool? ThumbsUp, string? Label, string? Comment, string? Correction, string By);

public enum AlertMetric { ErrorRate, P95LatencyMs, CostPerDay, FeedbackScore }

public sealed record AlertRule(string Id, string Name, AlertMetric Metric, double Threshold, int WindowMinutes, string? WorkflowId,
    string? WebhookUrl, bool Enabled, DateTimeOffset? LastFiredAt);

public sealed record AlertNotice(long Id, string RuleId, DateTimeOffset At, double Value, string Message, string? WebhookResult);

/// <summary>
/// The sums of some calls inside one chart interval: a rollup row, or a single raw call (then <see cref="Latencies"/>
/// is null and <see cref="MaxLatencyMs"/> is its latency). <see cref="Runs"/> counts the runs first seen here under
/// the filter (<see cref="RunMarks"/>); <see cref="LastError"/> is the message of the latest failed call.
/// </summary>
public sealed record CallSlice(long StartMs, string? WorkflowId, string? StepId, string? ErrorCode, string? LastError, int Calls,
    int FailedCalls, int CacheHits, int Runs, long InputTokens, long OutputTokens, decimal Cost, double MaxLatencyMs, long LastAtMs,
    LatencyHistogram? Latencies);
