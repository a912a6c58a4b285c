using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Studio.Workflows;

/// <summary>
/// A layered left-to-right layout (Sugiyama style): loops are set aside, each step goes one layer right of its
/// furthest predecessor, and steps within a layer are ordered by the average place of their neighbours to cut crossings.
/// </summary>
public static class LayeredLayout
{
    public const double LayerSpacing = 300;
    public const double RowSpacing = 150;
    public const double Margin = 40;
    private const int OrderingSweeps = 4;

    public static ValueMap<Position> Arrange(Workflow workflow)
    {
        var count = workflow.Nodes.Count;
        if (count == 0) return ValueMap<Position>.Empty;
        var graph = new WorkflowGraph(workflow);
        var layers = AssignLayers(graph, count);
        var rows = OrderWithinLayers(graph, layers, count);

        var tallest = rows.Max(r => r.Count);
        var positions = new List<KeyValuePair<string, Position>>(count);
        for (var layer = 0; layer < rows.Count; layer++)
        {
            // Centre each layer against the tallest so a chain reads as a straight line.
            var offset = (tallest - rows[layer].Count) * RowSpacing / 2;
            for (var row = 0; row < rows[layer].Count; row++)
                positions.Add(new(workflow.Nodes[rows[layer][row]].Id,
                    new Position(Margin + layer * LayerSpacing, Margin + offset + row * RowSpacing)));
        }
        return ValueMap<Position>.From(positions);
    }

    /// <summary>Longest path from the starts over forward edges, in topological order (Kahn).</summary>
    private static int[] AssignLayers(WorkflowGraph graph, int count)
    {
        var layer = new int[count];
        var remaining = new int[count];
        for (var i = 0; i < count; i++) remaining[i] = graph.Incoming[i].Count(e => !graph.IsBackEdge(e));
        var ready = new Queue<int>(Enumerable.Range(0, count).Where(i => remaining[i] == 0));
        while (ready.Count > 0)
        {
            var node = ready.Dequeue();
            foreach (var edge in graph.Outgoing[node])
            {
                if (graph.IsBackEdge(edge)) continue;
                var to = graph.Index[edge.To];
                layer[to] = Math.Max(layer[to], layer[node] + 1);
                if (--remaining[to] == 0) ready.Enqueue(to);
            }
        }
        return layer;
    }

    private static List<List<int>> OrderWithinLayers(WorkflowGraph graph, int[] layer, int count)
    {
        var rows = Enumerable.Range(0, layer.Max() + 1).Select(_ => new List<int>()).ToList();
        for (var i = 0; i < count; i++) rows[layer[i]].Add(i);
        var place = new double[count];

        void Number()
        {
            foreach (var row in rows)
                for (var r = 0; r < row.Count; r++) place[row[r]] = r;
        }

        Number();
        for (var sweep = 0; sweep < OrderingSweeps; sweep++)
        {
            var downward = sweep % 2 == 0;
            var order = downward ? Enumerable.Range(1, rows.Count - 1) : Enumerable.Range(0, rows.Count - 1).Reverse();
            foreach (var l in order)
            {
                var neighbourLayer = downward ? l - 1 : l + 1;
                rows[l] = [.. rows[l]
                    .Select(n => (Node: n, Key: Barycentre(graph, n, neighbourLayer, layer, place, downward)))
                    .OrderBy(x => x.Key).ThenBy(x => place[x.Node]).ThenBy(x => x.Node)
                    .Select(x => x.Node)];
                for (var r = 0; r < rows[l].Count; r++) place[rows[l][r]] = r;
            }
        }
        Number();
        return rows;
    }

    private static double Barycentre(WorkflowGraph graph, int node, int neighbourLayer, int[] layer, double[] place, bool usePredecessors)
    {
        var neighbours = usePredecessors
            ? graph.Incoming[node].Select(e => graph.Index[e.From])
            : graph.Outgoing[node].Select(e => graph.Index[e.To]);
        var sum = 0.0;
        var n = 0;
        foreach (var other in neighbours)
        {
            if (layer[other] != neighbourLayer) continue;
            sum += place[other];
            n++;
        }
        return n == 0 ? place[node] : sum / n;
    }
}
