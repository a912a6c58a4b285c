using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Evaluation.Comparison;
using WorkflowStudio.Evaluation.Gate;
using WorkflowStudio.Evaluation.Running;

namespace WorkflowStudio.Evaluation.Reports;

/// <summary>
/// Everything an evaluation produced, as one document: the CLI's <c>--json</c> output, the input of
/// <c>--baseline</c>, and the source of the JUnit and HTML reports.
/// </summary>
public sealed record EvaluationReport(
    string EvaluationId, string WorkflowId, int WorkflowVersion, string DatasetId, int DatasetVersion,
    EvaluationSummary Summary, IReadOnlyList<ThresholdResult> Thresholds, IReadOnlyList<ReportCase> Cases)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public EvaluationComparison? Comparison { get; init; }

    /// <summary>True when every threshold holds (and, when asked, nothing regressed).</summary>
    public bool Passed { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static EvaluationReport FromJson(string json) =>
        JsonSerializer.Deserialize<EvaluationReport>(json, Json) ?? throw new JsonException("The result file is empty.");

    /// <summary>The scores in the shape comparisons take, so a saved report can be a baseline.</summary>
    public IReadOnlyList<CaseScore> Scores() =>
        [.. Cases.SelectMany((c, i) => c.Scores.Select(s => new CaseScore(i, c.CaseId, c.Repeat, s.Scorer, s.Value, s.Passed, s.Reason)))];
}

public sealed record ReportCase(
    string CaseId, int Repeat, string RunId, bool Passed, string? Error, double LatencyMs,
    int InputTokens, int OutputTokens, decimal Cost, string? Outputs, IReadOnlyList<ScoreResult> Scores)
{
    public static ReportCase From(CaseResult r) => new(r.CaseId, r.Repeat, r.RunId, r.Passed, r.Error, r.Latency.TotalMilliseconds,
        r.InputTokens, r.OutputTokens, r.Cost, r.OutputsJson, r.Scores);
}
