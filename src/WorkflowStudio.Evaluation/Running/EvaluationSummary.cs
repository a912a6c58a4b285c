using WorkflowStudio.Data.Evaluations;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>Aggregates of an evaluation: what the table, the gate and the report show.</summary>
public sealed record EvaluationSummary(
    string EvaluationId, EvaluationStatus Status, int Total, int Done, int Passed, int Errors,
    double P50LatencyMs, double P95LatencyMs, decimal Cost, long InputTokens, long OutputTokens,
    IReadOnlyList<ScorerSummary> Scorers)
{
    /// <summary>Share of finished case runs on which every scorer passed.</summary>
    public double PassRate => Done == 0 ? 0 : (double)Passed / Done;
}

public sealed record ScorerSummary(string Scorer, int Count, int Passed, double? Mean)
{
    public double PassRate => Count == 0 ? 0 : (double)Passed / Count;
}
