using System.Text.Json;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Evaluation.Running;
using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Studio.Evaluations;

/// <summary>
/// Per-step checks set in the designer's inspector: scorers bound to one step's output, checked against each case's
/// expected value for that step (the <c>step.ID</c> column). They belong to the workflow, not to a version, and new
/// evaluations include them.
/// </summary>
public sealed class StepChecks(IEvaluationStore store, ScorerFactory factory)
{
    public const int MaxPerStep = 20;

    public async Task<IReadOnlyList<ScorerSpec>> ForStepAsync(string workflowId, string stepId, CancellationToken ct = default) =>
        (await store.GetStepChecksAsync(workflowId, ct)).TryGetValue(stepId, out var json) ? Read(json) : [];

    /// <summary>Every step's checks, in step id order: what an evaluation adds to its scorers.</summary>
    public async Task<IReadOnlyList<ScorerSpec>> AllAsync(string workflowId, CancellationToken ct = default) =>
        [.. (await store.GetStepChecksAsync(workflowId, ct)).OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => Read(kv.Value))];

    /// <summary>Replaces a step's checks; each is built once here, so a bad setting is refused now rather than at the next evaluation.</summary>
    public Task SaveAsync(string workflowId, string stepId, IReadOnlyList<ScorerSpec> checks, CancellationToken ct = default)
    {
        if (checks.Count > MaxPerStep) throw new ArgumentException($"A step has at most {MaxPerStep} checks.");
        var bound = checks.Select(c => c with { Step = stepId }).ToList();
        var duplicate = bound.GroupBy(c => c.DisplayName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Two checks of this step are named '{duplicate.Key}'; keep one.");
        // A workflow scorer's definition is read when an evaluation starts; the others can be built now.
        foreach (var check in bound.Where(c => c.Type != ScorerTypes.Workflow)) factory.Create(check);
        return store.SetStepChecksAsync(workflowId, stepId, bound.Count == 0 ? null : JsonSerializer.Serialize(bound, EvaluationSpec.Json), ct);
    }

    private static IReadOnlyList<ScorerSpec> Read(string json) => JsonSerializer.Deserialize<List<ScorerSpec>>(json, EvaluationSpec.Json) ?? [];
}
