namespace WorkflowStudio.Data.Monitoring;

/// <summary>
/// One model call. Times are Unix milliseconds so SQLite can bucket and range-scan them as plain integers; cost is a
/// double because SQLite sums doubles natively (the decimal is rounded to 8 places before it gets here).
/// </summary>
public sealed class ModelCallRow
{
    public long Id { get; set; }
    public long AtMs { get; set; }
    public string? WorkflowId { get; set; }
    public int? Version { get; set; }
    public string? Tag { get; set; }
    public string? RunId { get; set; }
    public string? StepId { get; set; }
    public int Iteration { get; set; }
    public required string Model { get; set; }
    public required string Purpose { get; set; }
    public int InputTokens { get; set; }
    public int OutputTokens { get; set; }
    public double Cost { get; set; }
    public double LatencyMs { get; set; }
    public double? FirstTokenMs { get; set; }
    public bool CacheHit { get; set; }
    public int Attempts { get; set; }
    /// <summary>The model the step asked for, when <see cref="Model"/> is the fallback that answered.</summary>
    public string? FallbackFrom { get; set; }
    public string? ErrorCode { get; set; }
    public string? Error { get; set; }
    public string? Prompt { get; set; }
    public string? Answer { get; set; }
    public RunMarks RunMarks { get; set; }
    /// <summary>Counted in the rollups; false only for calls stored before rollups existed, until the backfill takes them.</summary>
    public bool RolledUp { get; set; }
}

/// <summary>What someone said about a run: a score in [0, 1] (thumbs up is 1, down is 0), and what the answer should have been.</summary>
public sealed class FeedbackRow
{
    public long Id { get; set; }
    public required string RunId { get; set; }
    public required string WorkflowId { get; set; }
    public int Version { get; set; }
    public string? Tag { get; set; }
    public long AtMs { get; set; }
    public double Score { get; set; }
    public bool? ThumbsUp { get; set; }
    public string? Label { get; set; }
    public string? Comment { get; set; }
    public string? Correction { get; set; }
    public required string By { get; set; }
}

/// <summary>Settings of one release tag that change without a new version.</summary>
public sealed class TagSettingsRow
{
    public required string WorkflowId { get; set; }
    public required string Tag { get; set; }
    public bool RecordText { get; set; }
    public int Retries { get; set; } = TagResilience.Default.Retries;
    public int RetryDelayMs { get; set; } = TagResilience.Default.RetryDelayMs;
    public double? TimeoutSeconds { get; set; }
    public string? FallbackModel { get; set; }
    public bool CacheResponses { get; set; }
}

public sealed class AlertRuleRow
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string Metric { get; set; }
    public double Threshold { get; set; }
    public int WindowMinutes { get; set; }
    public string? WorkflowId { get; set; }
    public string? WebhookUrl { get; set; }
    public bool Enabled { get; set; }
    public long? LastFiredAtMs { get; set; }
}

public sealed class AlertNoticeRow
{
    public long Id { get; set; }
    public required string RuleId { get; set; }
    public long AtMs { get; set; }
    public double Value { get; set; }
    public required string Message { get; set; }
    public string? WebhookResult { get; set; }
}
