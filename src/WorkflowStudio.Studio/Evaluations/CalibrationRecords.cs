namespace WorkflowStudio.Studio.Evaluations;

/// <summary>One scored case to label: what the scorer saw (inputs, output, expected values), its verdict and reason, and the labeller's label if given.</summary>
public sealed record CalibrationCase(
    int Ordinal, int Repeat, string CaseId, string RunId, IReadOnlyDictionary<string, string> Inputs, IReadOnlyDictionary<string, string> Expected,
    string Output, bool ScorerPassed, double? ScorerValue, string? ScorerReason, bool? Label);

/// <summary>The cases of one scorer of an evaluation picked for labelling, and the scorers that could be calibrated instead.</summary>
public sealed record CalibrationSample(string EvaluationId, string Scorer, IReadOnlyList<string> Scorers, IReadOnlyList<CalibrationCase> Cases);

/// <summary>The 2×2 table of a person's verdicts against the scorer's.</summary>
public sealed record CalibrationConfusion(int BothPass, int ScorerPassPersonFail, int ScorerFailPersonPass, int BothFail);

/// <summary>
/// How far a scorer agrees with a person's labels: the share of agreeing labels, Cohen's κ (null before the first label),
/// the confusion table, and whether the scorer is trusted, with the sentence that says why or why not.
/// </summary>
public sealed record CalibrationReport(int Labels, double Agreement, double? Kappa, CalibrationConfusion Confusion, bool Trusted, string Verdict);
