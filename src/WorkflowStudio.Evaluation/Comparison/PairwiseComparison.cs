namespace WorkflowStudio.Evaluation.Comparison;

/// <summary>Which place a pairwise judge preferred in one showing of a pair: the response shown first, second, or neither.</summary>
public enum PairPreference { First, Second, Tie }

/// <summary>Which side won a pair.</summary>
public enum PairOutcome { Baseline, Candidate, Tie }

/// <summary>One case to judge: what was asked, the expected answer when the case has one, and each side's output.</summary>
public sealed record PairCase(string CaseId, string Question, string? Expected, string Baseline, string Candidate);

/// <summary>
/// A pair judged in both orders: the baseline shown first, then the candidate shown first. A judge without position
/// bias names the same side both times; when the side changes with the order the case is an order flip, and counts as
/// a tie, since the judge could not tell the two apart better than the order did.
/// </summary>
public sealed record PairJudgement(string CaseId, PairPreference BaselineFirst, PairPreference CandidateFirst, string BaselineFirstReason, string CandidateFirstReason)
{
    public PairOutcome WithBaselineFirst => BaselineFirst switch
    {
        PairPreference.First => PairOutcome.Baseline,
        PairPreference.Second => PairOutcome.Candidate,
        _ => PairOutcome.Tie,
    };

    public PairOutcome WithCandidateFirst => CandidateFirst switch
    {
        PairPreference.First => PairOutcome.Candidate,
        PairPreference.Second => PairOutcome.Baseline,
        _ => PairOutcome.Tie,
    };

    public bool Flipped => WithBaselineFirst != WithCandidateFirst;

    public PairOutcome Outcome => Flipped ? PairOutcome.Tie : WithBaselineFirst;
}

/// <summary>A case the judge could not compare: missing on one side, a failed run, or a judge that gave no verdict.</summary>
public sealed record PairSkipped(string CaseId, string Reason);

/// <summary>Two evaluations judged side by side, case by case, in both orders.</summary>
public sealed record PairwiseComparison(string BaselineId, string CandidateId, IReadOnlyList<PairJudgement> Cases, IReadOnlyList<PairSkipped> Skipped)
{
    public int BaselineWins => Cases.Count(c => c.Outcome == PairOutcome.Baseline);
    public int CandidateWins => Cases.Count(c => c.Outcome == PairOutcome.Candidate);
    public int Ties => Cases.Count(c => c.Outcome == PairOutcome.Tie);

    /// <summary>The cases whose verdict changed with the order, in case order.</summary>
    public IReadOnlyList<PairJudgement> Flips => [.. Cases.Where(c => c.Flipped)];

    /// <summary>Order flips per judged case: 0 for a judge that only reads the content, 1 for one that only reads the position.</summary>
    public double FlipRate => Cases.Count == 0 ? 0 : Cases.Count(c => c.Flipped) / (double)Cases.Count;
}
