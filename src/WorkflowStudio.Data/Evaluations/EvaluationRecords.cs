namespace WorkflowStudio.Data.Evaluations;

/// <summary>Interrupted: the studio stopped while it ran; the next start resumes it.</summary>
public enum EvaluationStatus { Created, Running, Completed, Cancelled, Failed, Interrupted }

/// <summary>An evaluation about to be recorded. <paramref name="SpecJson"/> is the evaluation project's spec, opaque here.</summary>
public sealed record NewEvaluation(
    string Id, string WorkflowId, int VersionNumber, string DatasetId, int DatasetVersion,
    string? ModelOverride, int Repeats, string SpecJson, string StartedBy)
{
    /// <summary>Set when the evaluation is one cell of an experiment.</summary>
    public string? ExperimentId { get; init; }
    public string? Variant { get; init; }
}

public sealed record EvaluationRecord(
    string Id, string WorkflowId, int VersionNumber, string DatasetId, int DatasetVersion,
    string? ModelOverride, int Repeats, string SpecJson, EvaluationStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? EndedAt, string StartedBy)
{
    public string? ExperimentId { get; init; }
    public string? Variant { get; init; }
}

/// <summary>What one run of one case measured, and each scorer's verdict on it.</summary>
public sealed record CaseResult(
    string EvaluationId, int Ordinal, int Repeat, string CaseId, string RunId, bool Passed, string? Error,
    TimeSpan Latency, int InputTokens, int OutputTokens, decimal Cost, string? OutputsJson, IReadOnlyList<ScoreResult> Scores);

/// <summary>What one run of a case answered, without its scores: what a side-by-side of two evaluations shows.</summary>
public sealed record CaseOutput(int Repeat, string RunId, string? Error, string? OutputsJson);

public sealed record ScoreResult(string Scorer, double? Value, bool Passed, string? Reason);

/// <summary>A stored score with the case it belongs to: what comparisons and reports read.</summary>
public sealed record CaseScore(int Ordinal, string CaseId, int Repeat, string Scorer, double? Value, bool Passed, string? Reason);

/// <summary>Totals over the stored results of one evaluation.</summary>
public sealed record EvaluationTotals(int Results, int Passed, int Errors, decimal Cost, long InputTokens, long OutputTokens);

public sealed record ScorerTotals(string Scorer, int Count, int Passed, double? Mean);
