using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Core.Validation;

/// <summary>
/// The graph facts validation and the runner share: which edges close loops, what is reachable, what is upstream.
/// Edges pointing at unknown nodes are left out, so the graph is always safe to walk.
/// </summary>
public sealed class WorkflowGraph
{
    public WorkflowGraph(Workflow workflow)
    {
        Workflow = workflow;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < workflow.Nodes.Count; i++) index.TryAdd(workflow.Nodes[i].Id, i);
        Index = index;
        Outgoing = new List<Edge>[workflow.Nodes.Count];
        Incoming = new List<Edge>[workflow.Nodes.Count];
        for (var i = 0; i < workflow.Nodes.Count; i++) { Outgoing[i] = []; Incoming[i] = []; }
        foreach (var edge in workflow.Edges)
        {
            if (!index.TryGetValue(edge.From, out var from) || !index.TryGetValue(edge.To, out var to)) continue;
            Outgoing[from].Add(edge);
            Incoming[to].Add(edge);
        }
        BackEdges = FindBackEdges();
    }

    public Workflow Workflow { get; }
    public IReadOnlyDictionary<string, int> Index { get; }
    public List<Edge>[] Outgoing { get; }
    public List<Edge>[] Incoming { get; }
    /// <summary>Edges that close a cycle, found by depth-first search from the start nodes in node order.</summary>
    public IReadOnlySet<Edge> BackEdges { get; }

    public bool IsBackEdge(Edge edge) => BackEdges.Contains(edge);

    /// <summary>Nodes nothing links into: where a run starts. A loop needs a way in; it never starts by itself.</summary>
    public IEnumerable<int> Starts() =>
        Enumerable.Range(0, Workflow.Nodes.Count).Where(i => Incoming[i].Count == 0);

    /// <summary>Every node some path leads from to <paramref name="node"/>, loops included.</summary>
    public HashSet<int> Ancestors(int node)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(node);
        while (stack.Count > 0)
            foreach (var edge in Incoming[stack.Pop()])
            {
                var from = Index[edge.From];
                if (seen.Add(from)) stack.Push(from);
            }
        return seen;
    }

    public HashSet<int> ReachableFrom(IEnumerable<int> starts, bool forwardOnly)
    {
        var seen = new HashSet<int>(starts);
        var stack = new Stack<int>(seen);
        while (stack.Count > 0)
            foreach (var edge in Outgoing[stack.Pop()])
            {
                if (forwardOnly && IsBackEdge(edge)) continue;
                var to = Index[edge.To];
                if (seen.Add(to)) stack.Push(to);
            }
        return seen;
    }

    /// <summary>The nodes a back-edge repeats: reachable from its target and reaching its source, without crossing back-edges.</summary>
    public HashSet<int> LoopBody(Edge backEdge)
    {
        var head = Index[backEdge.To];
        var tail = Index[backEdge.From];
        var forward = ReachableFrom([head], forwardOnly: true);
        var backward = new HashSet<int> { tail };
        var stack = new Stack<int>(backward);
        while (stack.Count > 0)
            foreach (var edge in Incoming[stack.Pop()])
            {
                if (IsBackEdge(edge)) continue;
                var from = Index[edge.From];
                if (backward.Add(from)) stack.Push(from);
            }
        forward.IntersectWith(backward);
        forward.Add(head);
        forward.Add(tail);
        return forward;
    }

    private HashSet<Edge> FindBackEdges()
    {
        var count = Workflow.Nodes.Count;
        var state = new byte[count]; // 0 unvisited, 1 on stack, 2 done
        var back = new HashSet<Edge>();
        var roots = Enumerable.Range(0, count).Where(i => Incoming[i].Count == 0).Concat(Enumerable.Range(0, count));
        foreach (var root in roots)
        {
            if (state[root] != 0) continue;
            var stack = new Stack<(int Node, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < Outgoing[node].Count)
                {
                    stack.Push((node, next + 1));
                    var edge = Outgoing[node][next];
                    var to = Index[edge.To];
                    if (state[to] == 1) back.Add(edge);
                    else if (state[to] == 0)
                    {
                        state[to] = 1;
                        stack.Push((to, 0));
                    }
                }
                else state[node] = 2;
            }
        }
        return back;
    }
}
