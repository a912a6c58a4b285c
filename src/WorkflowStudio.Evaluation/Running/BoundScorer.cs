using System.Text.Json;
using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Evaluation.Datasets;
using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>A scorer with what it looks at: a workflow output, or one step's output field (a per-step check).</summary>
internal sealed record BoundScorer(ScorerSpec Spec, IScorer Scorer, string? Output)
{
    public string Name => Scorer.Name;

    public string Actual(IReadOnlyDictionary<string, object?> outputs, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> steps)
    {
        if (Spec.Step is { } step)
            return steps.TryGetValue(step, out var fields) && fields.TryGetValue(Spec.Field, out var field) ? Text(field) : "";
        return outputs.TryGetValue(Output!, out var value) ? Text(value) : "";
    }

    public string? Expected(DatasetCase c)
    {
        if (Spec.Expected is { } literal) return literal;
        if (Spec.Step is { } step) return c.StepExpected.TryGetValue(step, out var forStep) ? forStep : null;
        return c.Expected.TryGetValue(Output!, out var named) ? named
            : c.Expected.TryGetValue(DatasetColumns.MainOutput, out var main) ? main : null;
    }

    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        JsonElement e => e.GetRawText(),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value),
    };
}
