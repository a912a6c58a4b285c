namespace WorkflowStudio.Data.Entities;

/// <summary>The scorers that judge a sample of a release tag's live runs, and how large a sample (0 to 1).</summary>
public sealed class OnlineScorerSettingsRow
{
    public required string WorkflowId { get; set; }
    public required string Tag { get; set; }
    /// <summary>Scorer specs as JSON, opaque here.</summary>
    public required string ScorersJson { get; set; }
    public double SampleRate { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One scorer's verdict on one sampled live run of a tag.</summary>
public sealed class OnlineScoreRow
{
    public long Id { get; set; }
    public required string RunId { get; set; }
    public required string WorkflowId { get; set; }
    public int Version { get; set; }
    public required string Tag { get; set; }
    public required string Scorer { get; set; }
    public double? Value { get; set; }
    public bool Passed { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset ScoredAt { get; set; }
}
