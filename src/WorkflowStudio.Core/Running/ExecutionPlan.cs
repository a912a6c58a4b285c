using System.Runtime.CompilerServices;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Core.Running;

/// <summary>
/// A workflow compiled once into arrays the scheduler can walk without lookups; cached per workflow instance
/// so repeated runs of a saved version pay for validation and graph analysis once.
/// </summary>
internal sealed class ExecutionPlan
{
    private static readonly ConditionalWeakTable<Workflow, ExecutionPlan> Cache = new();
    private readonly WorkflowValidator _validator;

    private ExecutionPlan(Workflow workflow, WorkflowValidator validator)
    {
        Workflow = workflow;
        _validator = validator;
        Problems = validator.Validate(workflow);
        var graph = new WorkflowGraph(workflow);
        var count = workflow.Nodes.Count;
        Slots = new SlotPlan[count];
        SlotByName = new Dictionary<string, int>(graph.Index, StringComparer.Ordinal);

        var edgeIndex = new Dictionary<Edge, int>();
        var edges = new List<Edge>();
        foreach (var list in graph.Outgoing)
            foreach (var edge in list)
                if (edgeIndex.TryAdd(edge, edges.Count)) edges.Add(edge);
        EdgeCount = edges.Count;

        for (var i = 0; i < count; i++)
        {
            var node = workflow.Nodes[i];
            var forward = new List<ForwardEdge>();
            var back = new List<LoopEdge>();
            foreach (var edge in graph.Outgoing[i])
            {
                var target = graph.Index[edge.To];
                if (graph.IsBackEdge(edge))
                {
                    var body = graph.LoopBody(edge);
                    var bodyEdges = edges.Select((e, index) => (e, index))
                        .Where(x => !graph.IsBackEdge(x.e) && body.Contains(graph.Index[x.e.From]) && body.Contains(graph.Index[x.e.To]))
                        .Select(x => x.index).ToArray();
                    back.Add(new LoopEdge(edgeIndex[edge], edge, target, edge.MaxLoops ?? 0, [.. body.Order()], bodyEdges));
                }
                else forward.Add(new ForwardEdge(edgeIndex[edge], target, edge.Port));
            }
            var incoming = graph.Incoming[i].Where(e => !graph.IsBackEdge(e)).Select(e => new IncomingEdge(edgeIndex[e], graph.Index[e.From])).ToArray();
            Slots[i] = new SlotPlan(node, node.Kind, [.. forward], [.. back], incoming);
        }
    }

    public Workflow Workflow { get; }
    public IReadOnlyList<ValidationProblem> Problems { get; }
    public SlotPlan[] Slots { get; }
    public Dictionary<string, int> SlotByName { get; }
    public int EdgeCount { get; }

    public WorkflowValidator Validator => _validator;

    public static ExecutionPlan For(Workflow workflow, WorkflowValidator validator)
    {
        if (Cache.TryGetValue(workflow, out var plan) && plan.Validator == validator) return plan;
        plan = new ExecutionPlan(workflow, validator);
        Cache.AddOrUpdate(workflow, plan);
        return plan;
    }
}

internal sealed record SlotPlan(Node Node, string Kind, ForwardEdge[] Forward, LoopEdge[] Loops, IncomingEdge[] Incoming);

internal readonly record struct ForwardEdge(int Edge, int Target, string Port);

internal readonly record struct IncomingEdge(int Edge, int Source);

/// <summary>A back-edge, with the nodes and edges its firing sends round again.</summary>
internal sealed record LoopEdge(int Edge, Edge Definition, int Head, int MaxLoops, int[] Body, int[] BodyEdges);
