namespace WorkflowStudio.Evaluation.Scoring.Scorers;

/// <summary>The output (leading whitespace ignored) starts with the expected value.</summary>
public sealed class StartsWithScorer(string name, bool ignoreCase = false) : SyncScorer(name)
{
    protected override Score Score(ScoringInput input)
    {
        var expected = input.RequireExpected(Name);
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return input.Output.TrimStart().StartsWith(expected, comparison)
            ? Scoring.Score.Pass(1, "The output starts with the expected value.")
            : Scoring.Score.Fail(0, $"The output does not start with \"{Quote.Short(expected)}\".");
    }
}
