namespace WorkflowStudio.Evaluation.Scoring;

/// <summary>A scorer's verdict: a value (its meaning depends on the scorer), whether it passed, and why.</summary>
public sealed record Score(double? Value, bool Passed, string Reason)
{
    public static Score Pass(double? value, string reason) => new(value, true, reason);
    public static Score Fail(double? value, string reason) => new(value, false, reason);
}
