namespace WorkflowStudio.Data.Entities;

/// <summary>One saved state of a dataset. Written once with all its cases; evaluations point at it, so it never changes.</summary>
public sealed class DatasetVersionRow
{
    public long Id { get; set; }
    public required string DatasetId { get; set; }
    public int Number { get; set; }
    public int CaseCount { get; set; }
    public required string Message { get; set; }
    public required string Author { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
