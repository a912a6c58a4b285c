namespace WorkflowStudio.Data.Entities;

/// <summary>One move of a release tag, kept forever so "what was in production on Tuesday" has an answer.</summary>
public sealed class TagMoveRow
{
    public long Id { get; set; }
    public required string WorkflowId { get; set; }
    public required string Tag { get; set; }
    public int? FromNumber { get; set; }
    public int ToNumber { get; set; }
    public DateTimeOffset MovedAt { get; set; }
    public required string MovedBy { get; set; }
}
