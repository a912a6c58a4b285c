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
        var hasErrors = Problems.Any(p => p.Severity == Severity.Error);
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
            // A workflow with errors never runs, and its templates may be too long to parse.
            Slots[i] = new SlotPlan(node, node.Kind, [.. forward], [.. back], incoming) { Reads = hasErrors ? [] : Reads(i, incoming) };
        }
        PlanReleases();
    }

    /// <summary>How many steps read each step's outputs; when that many have run or been skipped, nobody can read them again.</summary>
    public int[] ReaderCounts { get; private set; } = [];

    /// <summary>Steps whose outputs stay to the end: what the run returns, and anything a loop may read again.</summary>
    public bool[] KeepToEnd { get; private set; } = [];

    // A step reads the steps its templates name and the steps linked into it (the previous text, a join's inputs).
    private int[] Reads(int slot, IncomingEdge[] incoming)
    {
        var node = Workflow.Nodes[slot];
        var reads = new HashSet<int>(incoming.Select(e => e.Source));
        foreach (var template in node.Descriptor.Templates(node))
            foreach (var root in template.Parse().Roots)
                if (SlotByName.TryGetValue(root, out var source)) reads.Add(source);
        reads.Remove(slot);
        return [.. reads.Order()];
    }

    private void PlanReleases()
    {
        var count = Slots.Length;
        var inLoop = new bool[count];
        foreach (var slot in Slots)
            foreach (var loop in slot.Loops)
                foreach (var member in loop.Body) inLoop[member] = true;
        ReaderCounts = new int[count];
        KeepToEnd = new bool[count];
        for (var i = 0; i < count; i++)
        {
            KeepToEnd[i] |= inLoop[i] || Slots[i].Node is OutputNode;
            foreach (var source in Slots[i].Reads)
            {
                ReaderCounts[source]++;
                KeepToEnd[source] |= inLoop[i];
            }
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

internal sealed record SlotPlan(Node Node, string Kind, ForwardEdge[] Forward, LoopEdge[] Loops, IncomingEdge[] Incoming)
{
    /// <summary>The steps whose outputs this one reads.</summary>
    public int[] Reads { get; init; } = [];
}

internal readonly record struct ForwardEdge(int Edge, int Target, string Port);

internal readonly record struct IncomingEdge(int Edge, int Source);

/// <summary>A back-edge, with the nodes and edges its firing sends round again.</summary>
internal sealed record LoopEdge(int Edge, Edge Definition, int Head, int MaxLoops, int[] Body, int[] BodyEdges);
