using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data.Datasets;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>
/// Evaluates one step alone: the steps upstream of it do not run; each is replaced by a stand-in that returns the
/// case's expected value for that step as its text (the ground truth of a step doubles as its recorded output), so a
/// prompt can be tuned without paying for the retrieval and research before it. Steps downstream are left out.
/// </summary>
public static class StepIsolation
{
    /// <summary>The model of the stand-ins: it answers with its prompt, which is the recorded value.</summary>
    public const string EchoModel = "evaluation-echo";
    private const string UpstreamInput = "upstream_";
    private const string IsolatedOutput = "isolated";

    public static Workflow Isolate(Workflow workflow, string stepId)
    {
        var target = workflow.FindNode(stepId) ?? throw new ArgumentException($"The workflow has no step '{stepId}' to evaluate alone.");
        if (target is InputNode or OutputNode) throw new ArgumentException($"'{stepId}' is an {target.Kind} step; isolate a step that does work.");
        var upstream = Ancestors(workflow, stepId);
        var nodes = new List<Node>();
        foreach (var node in workflow.Nodes.Where(n => upstream.Contains(n.Id)))
        {
            if (node is InputNode) { nodes.Add(node); continue; }
            nodes.Add(new InputNode(UpstreamInput + node.Id) { Required = false, MaxLength = 1_000_000 });
            nodes.Add(new PromptNode(node.Id) { Model = EchoModel, User = "{{" + UpstreamInput + node.Id + "}}", Temperature = 0, Stream = false });
        }
        nodes.Add(target);
        nodes.Add(new OutputNode(IsolatedOutput) { Value = "{{" + stepId + ".text}}" });

        var kept = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        // A stand-in has one way out, so links from a replaced condition's or judge's branch leave by it.
        var edges = workflow.Edges.Where(e => kept.Contains(e.From) && kept.Contains(e.To) && e.From != stepId)
            .Select(e => workflow.FindNode(e.From) is InputNode ? e : e with { Port = PortNames.Out })
            .Distinct()
            .Concat(nodes.OfType<PromptNode>().Where(p => p.Model == EchoModel).Select(p => new Edge(UpstreamInput + p.Id, p.Id)))
            .Append(new Edge(stepId, IsolatedOutput, target.Descriptor.OutputPorts.FirstOrDefault() ?? PortNames.Out))
            .ToList();
        return workflow with { Id = workflow.Id, Nodes = [.. nodes], Edges = [.. edges], Layout = ValueMap<Position>.Empty };
    }

    /// <summary>The case's inputs plus, for each stand-in, the case's expected value of the step it replaces.</summary>
    public static IReadOnlyDictionary<string, string> Inputs(Workflow isolated, DatasetCase c)
    {
        var inputs = new Dictionary<string, string>(c.Inputs, StringComparer.Ordinal);
        foreach (var input in isolated.Inputs.Where(i => i.Id.StartsWith(UpstreamInput, StringComparison.Ordinal)))
            inputs[input.Id] = c.StepExpected.TryGetValue(input.Id[UpstreamInput.Length..], out var recorded) ? recorded : "";
        return inputs;
    }

    private static HashSet<string> Ancestors(Workflow workflow, string stepId)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([stepId]);
        while (pending.TryPop(out var id))
            foreach (var edge in workflow.Edges.Where(e => e.To == id && e.From != stepId))
                if (found.Add(edge.From)) pending.Push(edge.From);
        return found;
    }
}

/// <summary>Answers the stand-ins of <see cref="StepIsolation"/> itself and passes every other request on.</summary>
internal sealed class EchoModelGateway(IModelGateway inner) : IModelGateway
{
    public ValueTask<ModelResponse> CompleteAsync(ModelRequest request, Action<string>? onDelta, CancellationToken cancellationToken) =>
        request.Model == StepIsolation.EchoModel
            ? ValueTask.FromResult(new ModelResponse(request.Messages[^1].Content, request.Model))
            : inner.CompleteAsync(request, onDelta, cancellationToken);

    public string? CheckModel(string model) => model == StepIsolation.EchoModel ? null : inner.CheckModel(model);
}
