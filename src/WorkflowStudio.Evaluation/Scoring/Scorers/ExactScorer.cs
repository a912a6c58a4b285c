namespace WorkflowStudio.Evaluation.Scoring.Scorers;

/// <summary>The output equals the expected value (surrounding whitespace ignored; case too when asked).</summary>
public sealed class ExactScorer(string name, bool ignoreCase = false) : SyncScorer(name)
{
    protected override Score Score(ScoringInput input)
    {
        var expected = input.RequireExpected(Name);
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return string.Equals(input.Output.Trim(), expected.Trim(), comparison)
            ? Scoring.Score.Pass(1, "The output equals the expected value.")
            : Scoring.Score.Fail(0, $"Expected \"{Quote.Short(expected)}\" but got \"{Quote.Short(input.Output)}\".");
    }
}
