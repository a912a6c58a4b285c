namespace WorkflowStudio.Data.Entities;

/// <summary>One scorer's verdict on one case × repeat.</summary>
public sealed class EvaluationScoreRow
{
    public required string EvaluationId { get; set; }
    public int Ordinal { get; set; }
    public int Repeat { get; set; }
    public required string Scorer { get; set; }
    public double? Value { get; set; }
    public bool Passed { get; set; }
    public string? Reason { get; set; }
}
