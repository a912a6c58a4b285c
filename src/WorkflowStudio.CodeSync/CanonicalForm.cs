using WorkflowStudio.Core.Model;

namespace WorkflowStudio.CodeSync;

/// <summary>
/// The order a C# definition lists things in: nodes topologically (ties by id), edges by source then port then target,
/// and positions only for nodes that exist. Two workflows that differ only in those orders have the same C# text, and
/// reading a definition back always gives the canonical form, so reordering calls in the code changes nothing.
/// </summary>
public static class CanonicalForm
{
    public static Workflow Of(Workflow workflow)
    {
        var nodes = OrderNodes(workflow);
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        var ports = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
            if (rank.TryAdd(nodes[i].Id, i)) ports.Add(nodes[i].Id, nodes[i].Descriptor.OutputPorts);
        var edges = workflow.Edges.OrderBy(e => e, new EdgeOrder(rank, ports)).ToValueList();
        var layout = ValueMap<Position>.From(workflow.Layout.Where(p => rank.ContainsKey(p.Key)));
        return workflow with { Nodes = nodes.ToValueList(), Edges = edges, Layout = layout };
    }

    public static bool Equivalent(Workflow a, Workflow b) => Of(a) == Of(b);

    /// <summary>
    /// Kahn's algorithm, always taking the smallest ready id. Edges that declare maxLoops are the loop's way back and
    /// do not constrain the order; a cycle without one is broken at its smallest id so every workflow has an order.
    /// </summary>
    private static List<Node> OrderNodes(Workflow workflow)
    {
        var nodes = workflow.Nodes;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++) index.TryAdd(nodes[i].Id, i);

        var inDegree = new int[nodes.Count];
        var successors = new List<int>[nodes.Count];
        for (var i = 0; i < nodes.Count; i++) successors[i] = [];
        foreach (var edge in workflow.Edges)
        {
            if (edge.MaxLoops is not null || !index.TryGetValue(edge.From, out var from) || !index.TryGetValue(edge.To, out var to) || from == to)
                continue;
            successors[from].Add(to);
            inDegree[to]++;
        }

        var byId = Comparer<(string Id, int Index)>.Create((x, y) =>
        {
            var c = string.CompareOrdinal(x.Id, y.Id);
            return c != 0 ? c : x.Index.CompareTo(y.Index);
        });
        var ready = new SortedSet<(string Id, int Index)>(byId);
        var waiting = new SortedSet<(string Id, int Index)>(byId);
        for (var i = 0; i < nodes.Count; i++) (inDegree[i] == 0 ? ready : waiting).Add((nodes[i].Id, i));

        var ordered = new List<Node>(nodes.Count);
        while (ordered.Count < nodes.Count)
        {
            var next = ready.Count > 0 ? ready.Min : waiting.Min;
            ready.Remove(next);
            waiting.Remove(next);
            inDegree[next.Index] = -1;
            ordered.Add(nodes[next.Index]);
            foreach (var successor in successors[next.Index])
            {
                if (inDegree[successor] <= 0) continue;
                if (--inDegree[successor] == 0)
                {
                    waiting.Remove((nodes[successor].Id, successor));
                    ready.Add((nodes[successor].Id, successor));
                }
            }
        }
        return ordered;
    }

    private sealed class EdgeOrder(Dictionary<string, int> rank, Dictionary<string, IReadOnlyList<string>> ports) : IComparer<Edge>
    {
        public int Compare(Edge? x, Edge? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            var c = Rank(x.From).CompareTo(Rank(y.From));
            if (c == 0) c = string.CompareOrdinal(x.From, y.From);
            if (c == 0) c = PortRank(x).CompareTo(PortRank(y));
            if (c == 0) c = string.CompareOrdinal(x.Port, y.Port);
            if (c == 0) c = Rank(x.To).CompareTo(Rank(y.To));
            if (c == 0) c = string.CompareOrdinal(x.To, y.To);
            if (c == 0) c = (x.MaxLoops ?? -1).CompareTo(y.MaxLoops ?? -1);
            return c;
        }

        private int Rank(string id) => rank.TryGetValue(id, out var r) ? r : int.MaxValue;

        // Declared port order reads naturally (pass before fail, true before false).
        private int PortRank(Edge edge)
        {
            var position = ports.TryGetValue(edge.From, out var declared) ? IndexOf(declared, edge.Port) : -1;
            return position < 0 ? int.MaxValue : position;
        }

        private static int IndexOf(IReadOnlyList<string> items, string item)
        {
            for (var i = 0; i < items.Count; i++)
                if (items[i] == item) return i;
            return -1;
        }
    }
}
