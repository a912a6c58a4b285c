namespace WorkflowStudio.Data.Entities;

/// <summary>A dataset's identity and its newest version number; the cases live in immutable <see cref="DatasetVersionRow"/>s.</summary>
public sealed class DatasetRow
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public int LatestVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
