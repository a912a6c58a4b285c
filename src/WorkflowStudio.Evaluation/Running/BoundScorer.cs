using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Evaluation.Datasets;
using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>
/// A scorer with what it looks at: a workflow output, or one step's output field (a per-step check), and for the RAG
/// scorers the retrieval step whose passages they read.
/// </summary>
internal sealed record BoundScorer(ScorerSpec Spec, IScorer Scorer, string? Output, string? ContextStep = null)
{
    public string Name => Scorer.Name;

    public string? Passages(IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> steps) =>
        ContextStep is { } step && steps.TryGetValue(step, out var fields) && fields.TryGetValue("text", out var text) ? Text(text) : null;

    public string Actual(IReadOnlyDictionary<string, object?> outputs, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> steps)
    {
        if (Spec.Step is { } step)
            return steps.TryGetValue(step, out var fields) && fields.TryGetValue(Spec.Field, out var field) ? Text(field) : "";
        return outputs.TryGetValue(Output!, out var value) ? Text(value) : "";
    }

    /// <summary>The scorer's literal, else the case's expected value for what it checks; null for a live run without a case.</summary>
    public string? Expected(DatasetCase? c)
    {
        if (Spec.Expected is { } literal) return literal;
        if (c is null) return null;
        if (Spec.Step is { } step) return c.StepExpected.TryGetValue(step, out var forStep) ? forStep : null;
        return c.Expected.TryGetValue(Output!, out var named) ? named
            : c.Expected.TryGetValue(DatasetColumns.MainOutput, out var main) ? main : null;
    }

    public static string Text(object? value) => OutputText.Of(value);
}
