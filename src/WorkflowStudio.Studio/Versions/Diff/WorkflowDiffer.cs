using System.Text.Json;
using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Serialization;

namespace WorkflowStudio.Studio.Versions.Diff;

/// <summary>Compares two definitions using the node metadata, so every setting the inspector shows is compared by name.</summary>
public static class WorkflowDiffer
{
    private static readonly JsonSerializerOptions ValueJson = WorkflowJson.CreateOptions(indented: false);

    public static WorkflowDiff Compare(Workflow before, Workflow after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);

        var oldNodes = before.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var newNodes = after.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var nodes = new List<NodeChange>();
        foreach (var node in after.Nodes)
        {
            if (!oldNodes.TryGetValue(node.Id, out var old))
            {
                nodes.Add(new NodeChange(node.Id, NodeChangeKind.Added, node.Kind, [], Moved: false));
                continue;
            }
            var settings = CompareSettings(old, node);
            var moved = before.Layout.TryGetValue(node.Id, out var p0) != after.Layout.TryGetValue(node.Id, out var p1) || p0 != p1;
            if (settings.Count > 0)
                nodes.Add(new NodeChange(node.Id, NodeChangeKind.Changed, node.Kind, settings, moved));
            else if (moved)
                nodes.Add(new NodeChange(node.Id, NodeChangeKind.Moved, node.Kind, [], Moved: true));
        }
        foreach (var node in before.Nodes)
        {
            if (!newNodes.ContainsKey(node.Id))
                nodes.Add(new NodeChange(node.Id, NodeChangeKind.Removed, node.Kind, [], Moved: false));
        }

        var oldEdges = before.Edges.ToHashSet();
        var newEdges = after.Edges.ToHashSet();
        var edges = after.Edges.Where(e => !oldEdges.Contains(e)).Select(e => new EdgeChange(e, EdgeChangeKind.Added))
            .Concat(before.Edges.Where(e => !newEdges.Contains(e)).Select(e => new EdgeChange(e, EdgeChangeKind.Removed)))
            .ToList();

        var workflow = new List<SettingChange>();
        if (before.Name != after.Name) workflow.Add(new SettingChange(nameof(Workflow.Name), "Name", before.Name, after.Name));
        if (before.Description != after.Description)
            workflow.Add(new SettingChange(nameof(Workflow.Description), "Description", before.Description, after.Description));

        return new WorkflowDiff(nodes, edges, workflow);
    }

    // Settings are matched by name across both descriptors, so a node that changed kind lists what it lost and gained.
    private static List<SettingChange> CompareSettings(Node before, Node after)
    {
        var changes = new List<SettingChange>();
        var oldKind = before.Descriptor;
        var newKind = after.Descriptor;
        if (oldKind.Kind != newKind.Kind)
            changes.Add(new SettingChange("Kind", "Kind", oldKind.Kind, newKind.Kind));

        var names = newKind.Settings.Select(s => s.Name).Concat(oldKind.Settings.Select(s => s.Name)).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var oldSetting = oldKind.Settings.FirstOrDefault(s => s.Name == name);
            var newSetting = newKind.Settings.FirstOrDefault(s => s.Name == name);
            var oldValue = oldSetting?.Get(before);
            var newValue = newSetting?.Get(after);
            if (oldSetting is not null && newSetting is not null && Equals(oldValue, newValue)) continue;
            if (oldSetting is null && newValue is null || newSetting is null && oldValue is null) continue;
            changes.Add(new SettingChange(name, (newSetting ?? oldSetting)!.Label, Show(oldValue), Show(newValue)));
        }
        return changes;
    }

    private static string? Show(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => JsonSerializer.Serialize(value, value.GetType(), ValueJson),
    };
}
