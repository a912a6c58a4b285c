using WorkflowStudio.Evaluation.Running;

namespace WorkflowStudio.Web.Evaluations;

/// <summary>One prompt variant row of the experiment form: a name, a Prompt or Agent step and the user prompt to try instead.</summary>
public sealed class PromptVariantChoice
{
    public string Name { get; set; } = "";
    public string? Step { get; set; }
    public string User { get; set; } = "";

    public PromptVariant ToVariant() => new(Name.Trim(), Step ?? throw new ArgumentException($"Prompt variant '{Name}' needs a step."), null, User);
}
