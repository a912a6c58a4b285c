using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowStudio.Evaluation.Experiments;
using WorkflowStudio.Evaluation.Gate;
using WorkflowStudio.Evaluation.Running;

namespace WorkflowStudio.Evaluation.Reports;

/// <summary>What `studio eval --variant` produced: each variant's summary and thresholds, and the comparison table.</summary>
public sealed record ExperimentReport(
    string ExperimentId, string WorkflowId, int WorkflowVersion, string DatasetId, int DatasetVersion,
    IReadOnlyList<VariantReport> Variants, [property: JsonIgnore] ExperimentTable Table)
{
    /// <summary>True when every variant meets every threshold.</summary>
    public bool Passed { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, EvaluationReport.Json);
}

public sealed record VariantReport(string Variant, string EvaluationId, EvaluationSummary Summary, IReadOnlyList<ThresholdResult> Thresholds);
