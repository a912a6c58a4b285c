namespace WorkflowStudio.Data.Entities;

/// <summary>One <see cref="Core.Running.RunEvent"/>: the columns for querying, the payload for replaying it exactly.</summary>
public sealed class RunEventRow
{
    public required string RunId { get; set; }
    public long Sequence { get; set; }
    public required string Type { get; set; }
    public string? NodeId { get; set; }
    public int Iteration { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public required string Payload { get; set; }
}
