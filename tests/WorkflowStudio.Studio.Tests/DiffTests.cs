using WorkflowStudio.Testing;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Studio.Versions.Diff;

namespace WorkflowStudio.Studio.Tests;

public sealed class DiffTests
{
    private static readonly Workflow Before = TestWorkflows.Article();

    [Fact]
    public void Identical_definitions_have_no_changes()
    {
        Assert.True(WorkflowDiffer.Compare(Before, TestWorkflows.Article()).IsEmpty);
    }

    [Fact]
    public void An_added_node_and_its_edge_are_found()
    {
        var after = Before with
        {
            Nodes = Before.Nodes.Add(new InputNode("audience")),
            Edges = Before.Edges.Add(new Edge("audience", "writer")),
        };

        var diff = WorkflowDiffer.Compare(Before, after);

        var node = Assert.Single(diff.Nodes);
        Assert.Equal(("audience", NodeChangeKind.Added, "input"), (node.NodeId, node.Kind, node.NodeKind));
        Assert.Equal(new EdgeChange(new Edge("audience", "writer"), EdgeChangeKind.Added), Assert.Single(diff.Edges));
    }

    [Fact]
    public void A_removed_node_and_its_edges_are_found()
    {
        var after = Before with
        {
            Nodes = Before.Nodes.RemoveAll(n => n.Id == "editor"),
            Edges = Before.Edges.RemoveAll(e => e.From == "editor" || e.To == "editor").Add(new Edge("writer", "article")),
        };

        var diff = WorkflowDiffer.Compare(Before, after);

        Assert.Equal(new NodeChange("editor", NodeChangeKind.Removed, "judge", [], false), Assert.Single(diff.Nodes), NodeChangeComparer);
        Assert.Equal(3, diff.Edges.Count(e => e.Kind == EdgeChangeKind.Removed));
        Assert.Equal(new Edge("writer", "article"), Assert.Single(diff.Edges, e => e.Kind == EdgeChangeKind.Added).Edge);
    }

    [Fact]
    public void A_changed_node_names_each_setting_that_changed_with_before_and_after()
    {
        var writer = (PromptNode)Before.FindNode("writer")!;
        var after = Before with { Nodes = Before.Nodes.Replace(writer, writer with { Temperature = 0.9, User = "Write about {{keyword}} for experts", Retries = 2 }) };

        var change = Assert.Single(WorkflowDiffer.Compare(Before, after).Nodes);

        Assert.Equal((NodeChangeKind.Changed, false), (change.Kind, change.Moved));
        Assert.Equal(
            [("User", "Write about {{keyword}}", "Write about {{keyword}} for experts"), ("Temperature", "0.5", "0.9"), ("Retries", "0", "2")],
            change.Settings.Select(s => (s.Name, s.Before, s.After)));
        Assert.Equal("User prompt", change.Settings[0].Label);
    }

    [Fact]
    public void A_node_that_only_moved_is_reported_as_moved()
    {
        var after = Before with { Layout = Before.Layout.SetItem("writer", new Position(250, 40)) };

        var change = Assert.Single(WorkflowDiffer.Compare(Before, after).Nodes);

        Assert.Equal(("writer", NodeChangeKind.Moved, true), (change.NodeId, change.Kind, change.Moved));
        Assert.Empty(change.Settings);
    }

    [Fact]
    public void A_node_replaced_by_another_kind_lists_the_kind_and_the_settings_it_lost_and_gained()
    {
        var after = Before with { Nodes = Before.Nodes.Replace(Before.FindNode("editor")!, new ConditionNode("editor") { Expression = "writer.text contains \"ok\"" }) };

        var change = Assert.Single(WorkflowDiffer.Compare(Before, after).Nodes);

        Assert.Equal(NodeChangeKind.Changed, change.Kind);
        Assert.Contains(change.Settings, s => s is { Name: "Kind", Before: "judge", After: "condition" });
        Assert.Contains(change.Settings, s => s is { Name: "Expression", Before: null, After: "writer.text contains \"ok\"" });
        Assert.Contains(change.Settings, s => s is { Name: "Rubric", Before: "Clear and accurate", After: null });
    }

    [Fact]
    public void An_edge_whose_loop_limit_changed_is_one_removed_and_one_added()
    {
        var loop = Before.Edges.Single(e => e.MaxLoops is not null);
        var after = Before with { Edges = Before.Edges.Replace(loop, loop with { MaxLoops = 5 }) };

        var diff = WorkflowDiffer.Compare(Before, after);

        Assert.Empty(diff.Nodes);
        Assert.Equal([(EdgeChangeKind.Added, (int?)5), (EdgeChangeKind.Removed, 2)], diff.Edges.Select(e => (e.Kind, e.Edge.MaxLoops)));
    }

    [Fact]
    public void Workflow_name_and_description_changes_are_listed()
    {
        var after = Before with { Name = "Blog", Description = "Writes posts" };

        var diff = WorkflowDiffer.Compare(Before, after);

        Assert.Equal([("Name", "SEO article", "Blog"), ("Description", null, "Writes posts")], diff.Workflow.Select(s => (s.Name, s.Before, s.After)));
    }

    [Fact]
    public void Text_diff_numbers_lines_on_both_sides()
    {
        var diff = TextDiffer.Compare("a\nb\nc\n", "a\nB\nc\nd\n");

        Assert.Equal(
            [
                (TextDiffLineKind.Unchanged, "a", (int?)1, (int?)1),
                (TextDiffLineKind.Removed, "b", 2, null),
                (TextDiffLineKind.Added, "B", null, 2),
                (TextDiffLineKind.Unchanged, "c", 3, 3),
                (TextDiffLineKind.Added, "d", null, 4),
            ],
            diff.Lines.Select(l => (l.Kind, l.Text, l.OldNumber, l.NewNumber)));
        Assert.Equal((2, 1), (diff.Added, diff.Removed));
    }

    private static readonly IEqualityComparer<NodeChange> NodeChangeComparer = EqualityComparer<NodeChange>.Create(
        (a, b) => a!.NodeId == b!.NodeId && a.Kind == b.Kind && a.NodeKind == b.NodeKind && a.Moved == b.Moved && a.Settings.SequenceEqual(b.Settings));
}
