using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>
/// A prompt variant: one Prompt or Agent step's system and/or user prompt replaced for an evaluation, so a prompt can
/// be tried over a dataset without saving a new version. A null prompt keeps the step's own.
/// </summary>
public sealed record PromptVariant(string Name, string Step, string? System, string? User)
{
    /// <summary>
    /// The CLI's form: <c>NAME:STEP=USER PROMPT</c>, or <c>NAME:STEP.system=SYSTEM PROMPT</c> for the system prompt.
    /// The prompt is the rest of the text, so it may hold colons and equals signs.
    /// </summary>
    public static PromptVariant Parse(string text)
    {
        var colon = text.IndexOf(':');
        var equals = colon < 0 ? -1 : text.IndexOf('=', colon);
        if (colon <= 0 || equals < 0 || equals == colon + 1)
            throw new FormatException($"The variant '{text}' should look like NAME:STEP=prompt or NAME:STEP.system=prompt.");
        var name = text[..colon].Trim();
        var target = text[(colon + 1)..equals].Trim();
        var prompt = text[(equals + 1)..];
        return target.EndsWith(".system", StringComparison.OrdinalIgnoreCase)
            ? new PromptVariant(name, target[..^".system".Length], prompt, null)
            : new PromptVariant(name, target.EndsWith(".user", StringComparison.OrdinalIgnoreCase) ? target[..^".user".Length] : target, null, prompt);
    }

    public Workflow Apply(Workflow workflow)
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("A prompt variant needs a name.");
        if (System is null && User is null) throw new ArgumentException($"Prompt variant '{Name}' changes nothing; give a system or a user prompt.");
        if (User is { } user && string.IsNullOrWhiteSpace(user)) throw new ArgumentException($"Prompt variant '{Name}' has an empty user prompt.");
        var node = workflow.FindNode(Step) switch
        {
            PromptNode prompt => prompt with { System = System ?? prompt.System, User = User ?? prompt.User },
            AgentNode agent => (Node)(agent with { System = System ?? agent.System, User = User ?? agent.User }),
            null => throw new ArgumentException($"Prompt variant '{Name}' changes step '{Step}', which the workflow does not have."),
            var other => throw new ArgumentException($"Prompt variant '{Name}' changes step '{Step}', a {other.Kind} step; only Prompt and Agent steps have prompts."),
        };
        return workflow with { Nodes = [.. workflow.Nodes.Select(n => n.Id == Step ? node : n)] };
    }
}
