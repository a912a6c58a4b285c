namespace WorkflowStudio.Data.Entities;

/// <summary>A person's verdict on one scorer's score of one case × repeat of an evaluation: what a judge is calibrated against.</summary>
public sealed class CalibrationLabelRow
{
    public required string EvaluationId { get; set; }
    public int Ordinal { get; set; }
    public int Repeat { get; set; }
    public required string Scorer { get; set; }
    public required string Labeller { get; set; }
    public bool Passed { get; set; }
    public DateTimeOffset LabelledAt { get; set; }
}
