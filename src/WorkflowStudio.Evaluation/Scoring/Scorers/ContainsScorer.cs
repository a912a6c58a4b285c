namespace WorkflowStudio.Evaluation.Scoring.Scorers;

public enum Match { AllOf, AnyOf }

/// <summary>
/// The output contains the given texts (all of them, or any one), or else the expected value. The value is the
/// fraction found, so a partial answer still shows progress.
/// </summary>
public sealed class ContainsScorer(string name, IReadOnlyList<string>? needles = null, Match match = Match.AllOf, bool ignoreCase = false) : SyncScorer(name)
{
    protected override Score Score(ScoringInput input)
    {
        IReadOnlyList<string> wanted = needles is { Count: > 0 } ? needles : [input.RequireExpected(Name)];
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var missing = wanted.Where(n => !input.Output.Contains(n, comparison)).ToList();
        var found = wanted.Count - missing.Count;
        var passed = match == Match.AllOf ? missing.Count == 0 : found > 0;
        var value = (double)found / wanted.Count;
        return passed
            ? Scoring.Score.Pass(value, $"Found {found} of {wanted.Count}.")
            : Scoring.Score.Fail(value, $"Missing {string.Join(", ", missing.Select(m => $"\"{Quote.Short(m)}\""))}.");
    }
}
