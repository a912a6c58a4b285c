using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>Rewrites a workflow so its Prompt and Agent steps use another model; the trace then names the model used.</summary>
public static class ModelOverride
{
    public static Workflow Apply(Workflow workflow, string? model) => model is null ? workflow : workflow with
    {
        Nodes = [.. workflow.Nodes.Select(node => node switch
        {
            PromptNode prompt => prompt with { Model = model },
            AgentNode agent => agent with { Model = model },
            _ => node,
        })],
    };
}
