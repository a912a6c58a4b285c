namespace WorkflowStudio.Data.Entities;

/// <summary>One saved state of a workflow. Written once: the context and a database trigger both refuse updates.</summary>
public sealed class VersionRow
{
    public long Id { get; set; }
    public required string WorkflowId { get; set; }
    public int Number { get; set; }
    public required string DefinitionJson { get; set; }
    public string? Code { get; set; }
    public required string Message { get; set; }
    public required string Author { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The version the author started from; two saves from the same parent both keep it.</summary>
    public int? ParentNumber { get; set; }
    public int? RestoredFrom { get; set; }
}
