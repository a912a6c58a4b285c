namespace WorkflowStudio.Data.Entities;

/// <summary>A workflow's identity and the cached facts of its latest version; the definitions live in <see cref="VersionRow"/>.</summary>
public sealed class WorkflowRow
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int LatestVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
