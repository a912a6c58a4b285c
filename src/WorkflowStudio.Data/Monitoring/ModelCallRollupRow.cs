namespace WorkflowStudio.Data.Monitoring;

/// <summary>
/// The sums of the model calls of one time bucket (an hour or a day, <see cref="RollupBuckets"/>) that share workflow,
/// version, tag, step, model and error code. Missing values are stored as "" and version 0 so the key is unique
/// (SQLite treats NULLs in a unique index as all different). Written with the raw calls, in the same transaction.
/// </summary>
public sealed class ModelCallRollupRow
{
    public long Id { get; set; }
    public long WidthMs { get; set; }
    public long StartMs { get; set; }
    public string WorkflowId { get; set; } = "";
    public int Version { get; set; }
    public string Tag { get; set; } = "";
    public string StepId { get; set; } = "";
    public required string Model { get; set; }
    public string ErrorCode { get; set; } = "";
    public int Calls { get; set; }
    public int FailedCalls { get; set; }
    public int CacheHits { get; set; }
    /// <summary>Calls that were the first of their run, and of their run's step, model, and step with model (<see cref="RunMarks"/>).</summary>
    public int Runs { get; set; }
    public int StepRuns { get; set; }
    public int ModelRuns { get; set; }
    public int StepModelRuns { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    /// <summary>Exact: the sum of the calls' costs, each already rounded to 8 places.</summary>
    public decimal Cost { get; set; }
    public double MaxLatencyMs { get; set; }
    public long LastAtMs { get; set; }
    /// <summary>The message of the latest failed call.</summary>
    public string? LastError { get; set; }
    /// <summary>A <see cref="LatencyHistogram"/>.</summary>
    public byte[] Latencies { get; set; } = [];
}
