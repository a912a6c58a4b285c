using System.Globalization;
using System.Text.RegularExpressions;
using WorkflowStudio.Evaluation.Running;

namespace WorkflowStudio.Evaluation.Gate;

/// <summary>
/// A release condition on an evaluation's aggregates, written like <c>passRate&gt;=0.9</c>,
/// <c>passRate(regex)&gt;=1</c>, <c>mean(levenshtein)&lt;=3</c>, <c>p95Latency&lt;=2000</c>, <c>cost&lt;=0.5</c> or <c>errors==0</c>.
/// </summary>
public sealed partial record Threshold(string Expression, string Metric, string? Scorer, string Operator, double Limit)
{
    public static readonly IReadOnlyList<string> Metrics = ["passRate", "mean", "p50Latency", "p95Latency", "cost", "errors"];

    public static Threshold Parse(string expression)
    {
        var match = Pattern().Match(expression);
        if (!match.Success || !double.TryParse(match.Groups["limit"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var limit))
            throw new FormatException($"The threshold '{expression}' should look like passRate>=0.9 or mean(exact)>=0.8.");
        var metric = Metrics.FirstOrDefault(m => string.Equals(m, match.Groups["metric"].Value, StringComparison.OrdinalIgnoreCase))
            ?? throw new FormatException($"The threshold '{expression}' names an unknown measure; use one of {string.Join(", ", Metrics)}.");
        var scorer = match.Groups["scorer"].Success ? match.Groups["scorer"].Value.Trim() : null;
        if (metric == "mean" && scorer is null) throw new FormatException($"The threshold '{expression}' must say whose mean, e.g. mean(levenshtein)<=3.");
        return new Threshold(expression.Trim(), metric, scorer, match.Groups["op"].Value, limit);
    }

    public ThresholdResult Check(EvaluationSummary summary)
    {
        double? actual = Metric switch
        {
            "passRate" when Scorer is null => summary.PassRate,
            "passRate" => Find(summary)?.PassRate,
            "mean" => Find(summary)?.Mean,
            "p50Latency" => summary.P50LatencyMs,
            "p95Latency" => summary.P95LatencyMs,
            "cost" => (double)summary.Cost,
            _ => summary.Errors,
        };
        if (actual is not { } value || double.IsNaN(value))
            return new ThresholdResult(Expression, null, false, Scorer is null ? "Nothing was measured." : $"No scores from '{Scorer}'.");
        var holds = Operator switch
        {
            ">=" => value >= Limit,
            "<=" => value <= Limit,
            ">" => value > Limit,
            "<" => value < Limit,
            _ => value == Limit,
        };
        return new ThresholdResult(Expression, value, holds, $"{value.ToString("0.####", CultureInfo.InvariantCulture)} {(holds ? "meets" : "misses")} {Operator}{Limit.ToString(CultureInfo.InvariantCulture)}");
    }

    private ScorerSummary? Find(EvaluationSummary summary) => summary.Scorers.FirstOrDefault(s => s.Scorer == Scorer);

    [GeneratedRegex(@"^\s*(?<metric>[A-Za-z0-9]+)\s*(\(\s*(?<scorer>[^)]+)\))?\s*(?<op>>=|<=|==|>|<)\s*(?<limit>[-+0-9.eE]+)\s*$")]
    private static partial Regex Pattern();
}

public sealed record ThresholdResult(string Expression, double? Actual, bool Passed, string Reason);
