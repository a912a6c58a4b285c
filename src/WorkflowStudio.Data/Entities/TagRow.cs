namespace WorkflowStudio.Data.Entities;

/// <summary>A release tag (staging, production, custom) pointing at one version of a workflow.</summary>
public sealed class TagRow
{
    public required string WorkflowId { get; set; }
    public required string Name { get; set; }
    public long VersionId { get; set; }
    public DateTimeOffset MovedAt { get; set; }
    public required string MovedBy { get; set; }
}
