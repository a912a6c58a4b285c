namespace WorkflowStudio.Data.Entities;

/// <summary>One case × repeat of an evaluation: its run (whose trace is in RunEvents) and what the run measured.</summary>
public sealed class EvaluationCaseRow
{
    public required string EvaluationId { get; set; }
    public int Ordinal { get; set; }
    public int Repeat { get; set; }
    public required string CaseId { get; set; }
    public required string RunId { get; set; }
    public bool Passed { get; set; }
    public string? Error { get; set; }
    public long LatencyMs { get; set; }
    public int InputTokens { get; set; }
    public int OutputTokens { get; set; }
    public decimal Cost { get; set; }
    public string? OutputsJson { get; set; }
}
