using WorkflowStudio.Evaluation.Statistics;

namespace WorkflowStudio.Evaluation.Comparison;

public enum CaseChange { Regressed, Improved, Unchanged }

/// <summary>
/// A scorer's mean per case (repeats averaged) before and after, paired by case id: the mean difference with a
/// seeded 95% bootstrap interval and a paired t-test. An interval that excludes 0 is a real change, not noise.
/// </summary>
public sealed record ScorerDelta(string Scorer, int Pairs, double BaselineMean, double CandidateMean, double Delta, Interval Interval, TTestResult Test)
{
    public bool Significant => !Interval.Contains(0);
}

/// <summary>A case whose pass rate over its repeats went down, up or stayed; <paramref name="Scorers"/> are the ones whose pass rate moved.</summary>
public sealed record CaseComparison(string CaseId, CaseChange Change, double BaselinePassRate, double CandidatePassRate, IReadOnlyList<string> Scorers);

/// <summary>Two evaluations side by side. <see cref="Cases"/> lists regressions first, then improvements, then the rest.</summary>
public sealed record EvaluationComparison(
    IReadOnlyList<ScorerDelta> Scorers, IReadOnlyList<CaseComparison> Cases,
    IReadOnlyList<string> FlakyInBaseline, IReadOnlyList<string> FlakyInCandidate,
    IReadOnlyList<string> OnlyInBaseline, IReadOnlyList<string> OnlyInCandidate)
{
    public int Regressed => Cases.Count(c => c.Change == CaseChange.Regressed);
    public int Improved => Cases.Count(c => c.Change == CaseChange.Improved);
}
