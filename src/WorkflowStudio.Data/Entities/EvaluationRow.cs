using WorkflowStudio.Data.Evaluations;

namespace WorkflowStudio.Data.Entities;

/// <summary>An evaluation: a workflow version over a dataset version with a spec (scorers, repeats, model override).</summary>
public sealed class EvaluationRow
{
    public required string Id { get; set; }
    public required string WorkflowId { get; set; }
    public int VersionNumber { get; set; }
    public required string DatasetId { get; set; }
    public int DatasetVersion { get; set; }
    public string? ModelOverride { get; set; }
    public int Repeats { get; set; }
    public required string SpecJson { get; set; }
    public EvaluationStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public required string StartedBy { get; set; }
    /// <summary>The experiment this evaluation is one cell of, if any.</summary>
    public string? ExperimentId { get; set; }
    /// <summary>The cell's name within its experiment (prompt variant × model × version).</summary>
    public string? Variant { get; set; }
}
