using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkflowStudio.Evaluation.Scoring.Scorers;

/// <summary>The number in the output is within an absolute tolerance of the expected number. The value is the difference.</summary>
public sealed partial class NumericScorer(string name, double tolerance = 0) : SyncScorer(name)
{
    protected override Score Score(ScoringInput input)
    {
        var expectedText = input.RequireExpected(Name);
        if (Parse(expectedText) is not { } expected) throw new ScorerException($"{Name}: the expected value \"{Quote.Short(expectedText)}\" is not a number.");
        if (Parse(input.Output) is not { } actual) return Scoring.Score.Fail(null, $"No number in \"{Quote.Short(input.Output)}\".");
        var difference = Math.Abs(actual - expected);
        return difference <= tolerance
            ? Scoring.Score.Pass(difference, $"{actual} is within {tolerance} of {expected}.")
            : Scoring.Score.Fail(difference, $"{actual} is {difference} away from {expected} (tolerance {tolerance}).");
    }

    /// <summary>The whole text as a number, or else the first number in it ("The total is 42.5 EUR").</summary>
    private static double? Parse(string text)
    {
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var whole)) return whole;
        var match = FirstNumber().Match(text);
        return match.Success && double.TryParse(match.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var first) ? first : null;
    }

    [GeneratedRegex(@"[-+]?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex FirstNumber();
}
