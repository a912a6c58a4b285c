namespace WorkflowStudio.Evaluation.Comparison;

public static class PairOutcomeText
{
    /// <summary>A pair's verdict as a reader says it, for the CLI's lines and the browser's list of flips.</summary>
    public static string Describe(this PairOutcome outcome) => outcome switch
    {
        PairOutcome.Baseline => "baseline better",
        PairOutcome.Candidate => "candidate better",
        _ => "tie",
    };
}
