using System.Text.RegularExpressions;

namespace WorkflowStudio.Evaluation.Scoring.Scorers;

/// <summary>The output matches a pattern. A timeout bounds hostile patterns (catastrophic backtracking) per case.</summary>
public sealed class RegexScorer : SyncScorer
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(200);

    private readonly Regex _regex;

    public RegexScorer(string name, string pattern, TimeSpan? timeout = null) : base(name)
    {
        try
        {
            _regex = new Regex(pattern, RegexOptions.CultureInvariant, timeout ?? DefaultTimeout);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Scorer '{name}': the pattern {pattern} is not a valid regular expression: {e.Message}", e);
        }
    }

    protected override Score Score(ScoringInput input)
    {
        try
        {
            return _regex.IsMatch(input.Output)
                ? Scoring.Score.Pass(1, $"Matches {_regex}.")
                : Scoring.Score.Fail(0, $"Does not match {_regex}.");
        }
        catch (RegexMatchTimeoutException)
        {
            return Scoring.Score.Fail(0, $"Matching {_regex} took longer than {_regex.MatchTimeout.TotalMilliseconds:0} ms.");
        }
    }
}
