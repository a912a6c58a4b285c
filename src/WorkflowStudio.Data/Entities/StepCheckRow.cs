namespace WorkflowStudio.Data.Entities;

/// <summary>The per-step checks of one step of a workflow, set in the designer: scorer specs as JSON, opaque here.</summary>
public sealed class StepCheckRow
{
    public required string WorkflowId { get; set; }
    public required string StepId { get; set; }
    public required string ChecksJson { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
