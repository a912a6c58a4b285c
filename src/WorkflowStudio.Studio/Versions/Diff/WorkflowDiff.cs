using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Studio.Versions.Diff;

public enum NodeChangeKind { Added, Removed, Changed, Moved }

public enum EdgeChangeKind { Added, Removed }

/// <summary>One setting of a node that differs; values are shown as text (strings as they are, the rest as JSON).</summary>
public sealed record SettingChange(string Name, string Label, string? Before, string? After);

/// <summary>
/// A node that was added, removed, changed (its kind or settings) or only moved on the canvas.
/// <see cref="Moved"/> is also set on a changed node whose position changed.
/// </summary>
public sealed record NodeChange(string NodeId, NodeChangeKind Kind, string NodeKind, IReadOnlyList<SettingChange> Settings, bool Moved);

public sealed record EdgeChange(Edge Edge, EdgeChangeKind Kind);

/// <summary>What differs between two workflow definitions, node by node and edge by edge.</summary>
public sealed record WorkflowDiff(IReadOnlyList<NodeChange> Nodes, IReadOnlyList<EdgeChange> Edges, IReadOnlyList<SettingChange> Workflow)
{
    public bool IsEmpty => Nodes.Count == 0 && Edges.Count == 0 && Workflow.Count == 0;

    public NodeChange? For(string nodeId) => Nodes.FirstOrDefault(n => n.NodeId == nodeId);
}
