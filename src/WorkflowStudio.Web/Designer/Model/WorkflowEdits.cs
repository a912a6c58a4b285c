using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Web.Designer.Model;

/// <summary>The designer's edits as pure functions from one immutable workflow to the next, so undo is just the previous value.</summary>
public static class WorkflowEdits
{
    /// <summary>Loops drawn on the canvas get this bound, so a new loop can never run forever.</summary>
    public const int DefaultMaxLoops = 3;

    public static string NewNodeId(Workflow workflow, string stem)
    {
        var taken = workflow.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        for (var n = 1; ; n++)
            if (!taken.Contains(stem + n)) return stem + n;
    }

    public static (Workflow Workflow, string Id) AddNode(Workflow workflow, NodeDescriptor descriptor, Position position)
    {
        var id = NewNodeId(workflow, descriptor.Kind);
        var node = descriptor.Create(id);
        return (workflow with
        {
            Nodes = workflow.Nodes.Add(node),
            Layout = workflow.Layout.SetItem(id, position),
        }, id);
    }

    public static Workflow RemoveNodes(Workflow workflow, IReadOnlyCollection<string> ids)
    {
        var layout = workflow.Layout;
        foreach (var id in ids) layout = layout.Remove(id);
        return workflow with
        {
            Nodes = workflow.Nodes.RemoveAll(n => ids.Contains(n.Id)),
            Edges = workflow.Edges.RemoveAll(e => ids.Contains(e.From) || ids.Contains(e.To)),
            Layout = layout,
        };
    }

    public static Workflow RemoveEdges(Workflow workflow, IReadOnlyCollection<Edge> edges) =>
        workflow with { Edges = workflow.Edges.RemoveAll(edges.Contains) };

    /// <summary>Adds a checked link; a link that closes a loop gets <see cref="DefaultMaxLoops"/>.</summary>
    public static (Workflow? Workflow, string? Refusal) Connect(Workflow workflow, string from, string port, string to)
    {
        if (LinkRules.Refusal(workflow, from, port, to) is { } refusal) return (null, refusal);
        var maxLoops = LinkRules.ClosesLoop(workflow, from, to) ? DefaultMaxLoops : (int?)null;
        return (workflow with { Edges = workflow.Edges.Add(new Edge(from, to, port, maxLoops)) }, null);
    }

    public static Workflow Move(Workflow workflow, IEnumerable<KeyValuePair<string, Position>> positions)
    {
        var layout = workflow.Layout;
        foreach (var (id, position) in positions) layout = layout.SetItem(id, position);
        return workflow with { Layout = layout };
    }

    /// <summary>Replaces a node, following a changed id through links and layout; refuses an id that is taken.</summary>
    public static (Workflow? Workflow, string? Refusal) ReplaceNode(Workflow workflow, string id, Node replacement)
    {
        var index = workflow.Nodes.ToList().FindIndex(n => n.Id == id);
        if (index < 0) return (null, $"There is no step '{id}'.");
        if (replacement.Id == id) return (workflow with { Nodes = workflow.Nodes.SetItem(index, replacement) }, null);

        if (string.IsNullOrWhiteSpace(replacement.Id)) return (null, "A step needs an id.");
        if (workflow.FindNode(replacement.Id) is not null) return (null, $"Another step is already called '{replacement.Id}'.");
        var layout = workflow.Layout;
        if (layout.TryGetValue(id, out var position)) layout = layout.Remove(id).SetItem(replacement.Id, position);
        return (workflow with
        {
            Nodes = workflow.Nodes.SetItem(index, replacement),
            Edges = workflow.Edges.Select(e => e with
            {
                From = e.From == id ? replacement.Id : e.From,
                To = e.To == id ? replacement.Id : e.To,
            }).ToValueList(),
            Layout = layout,
        }, null);
    }

    /// <summary>The chosen steps and the links among them, as a workflow of their own (what copy puts on the clipboard).</summary>
    public static Workflow Extract(Workflow workflow, IReadOnlyCollection<string> ids) => new("clipboard", "Copied steps")
    {
        Nodes = workflow.Nodes.Where(n => ids.Contains(n.Id)).ToValueList(),
        Edges = workflow.Edges.Where(e => ids.Contains(e.From) && ids.Contains(e.To)).ToValueList(),
        Layout = ValueMap<Position>.From(workflow.Layout.Where(kv => ids.Contains(kv.Key))),
    };

    /// <summary>Adds a fragment's steps under fresh ids, shifted by an offset; returns the new ids (paste and duplicate).</summary>
    public static (Workflow Workflow, IReadOnlyList<string> Ids) Merge(Workflow workflow, Workflow fragment, Position offset)
    {
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = workflow;
        foreach (var node in fragment.Nodes)
        {
            var id = NewNodeId(result, node.Kind);
            renamed[node.Id] = id;
            var at = fragment.Layout.TryGetValue(node.Id, out var p) ? p : new Position(0, 0);
            result = result with
            {
                Nodes = result.Nodes.Add(node with { Id = id }),
                Layout = result.Layout.SetItem(id, new Position(at.X + offset.X, at.Y + offset.Y)),
            };
        }
        var edges = fragment.Edges
            .Where(e => renamed.ContainsKey(e.From) && renamed.ContainsKey(e.To))
            .Select(e => e with { From = renamed[e.From], To = renamed[e.To] });
        return (result with { Edges = result.Edges.AddRange(edges) }, [.. renamed.Values]);
    }
}
