namespace WorkflowStudio.Data.Evaluations;

/// <summary>Which scored case × repeat a label is about.</summary>
public sealed record CalibrationKey(string EvaluationId, int Ordinal, int Repeat, string Scorer);

/// <summary>A person's verdict stored beside the scorer's own, for one scored case × repeat.</summary>
public sealed record CalibrationLabel(int Ordinal, int Repeat, string Scorer, string Labeller, bool Passed, bool ScorerPassed, DateTimeOffset LabelledAt);
