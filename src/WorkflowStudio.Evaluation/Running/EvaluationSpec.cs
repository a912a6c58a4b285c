using System.Text.Json;
using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>How to evaluate: the scorers, repeats, concurrency, the per-case time limit and an optional model override.</summary>
public sealed record EvaluationSpec
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public IReadOnlyList<ScorerSpec> Scorers { get; init; } = [];
    public int Repeats { get; init; } = 1;
    public int Concurrency { get; init; } = 8;
    public double CaseTimeoutSeconds { get; init; } = 120;
    /// <summary>Replaces the model of every Prompt and Agent step (Judge steps keep theirs: they grade, they are not graded).</summary>
    public string? ModelOverride { get; init; }
    /// <summary>Evaluate only this step, with its upstream steps' outputs taken from the case (see <see cref="StepIsolation"/>).</summary>
    public string? IsolateStep { get; init; }
    /// <summary>Replaces one step's prompts for this evaluation only; the saved version is untouched.</summary>
    public PromptVariant? Prompt { get; init; }
    /// <summary>Answer identical model requests from the response cache (each repeat keeps its own answers); off with <c>--no-cache</c>.</summary>
    public bool Cache { get; init; } = true;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static EvaluationSpec FromJson(string json) =>
        JsonSerializer.Deserialize<EvaluationSpec>(json, Json) ?? throw new JsonException("An evaluation spec is empty.");
}

/// <summary>Evaluate <paramref name="WorkflowId"/> version <paramref name="VersionNumber"/> over a dataset version.</summary>
public sealed record EvaluationRequest(string WorkflowId, int VersionNumber, string DatasetId, int DatasetVersion, EvaluationSpec Spec, string StartedBy)
{
    /// <summary>Set when the evaluation is one cell of an experiment.</summary>
    public string? ExperimentId { get; init; }
    public string? Variant { get; init; }
}

/// <summary>Where an evaluation stands; reported after every case.</summary>
public sealed record EvaluationProgress(int Done, int Total, int Passed, int Errors)
{
    public double PassRate => Done == 0 ? 0 : (double)Passed / Done;
}
