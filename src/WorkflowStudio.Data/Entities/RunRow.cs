using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Data.Entities;

/// <summary>A run's summary, kept current as its events are stored.</summary>
public sealed class RunRow
{
    public required string Id { get; set; }
    public required string WorkflowId { get; set; }
    public long VersionId { get; set; }
    public int VersionNumber { get; set; }
    public RunStatus Status { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public long? DurationMs { get; set; }
    public int InputTokens { get; set; }
    public int OutputTokens { get; set; }
    public decimal Cost { get; set; }
    public required string StartedBy { get; set; }
    public required string InputsJson { get; set; }
    public string? OutputsJson { get; set; }
    public string? Error { get; set; }
    public long LastSequence { get; set; }
}
