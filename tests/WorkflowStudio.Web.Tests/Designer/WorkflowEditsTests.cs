using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Web.Designer;

namespace WorkflowStudio.Web.Tests.Designer;

public sealed class WorkflowEditsTests
{
    [Fact]
    public void Adding_a_node_gives_it_the_next_free_id_of_its_kind_and_a_position()
    {
        var workflow = new Workflow("w", "W") { Nodes = [new PromptNode("prompt1")] };

        var (next, id) = WorkflowEdits.AddNode(workflow, NodeCatalog.Find("prompt")!, new Position(10, 20));

        Assert.Equal("prompt2", id);
        Assert.IsType<PromptNode>(next.FindNode("prompt2"));
        Assert.Equal(new Position(10, 20), next.Layout["prompt2"]);
    }

    [Fact]
    public void Removing_nodes_takes_their_links_and_positions_with_them()
    {
        var next = WorkflowEdits.RemoveNodes(SampleWorkflows.Chain(), ["search"]);

        Assert.Null(next.FindNode("search"));
        Assert.DoesNotContain(next.Edges, e => e.From == "search" || e.To == "search");
        Assert.Single(next.Edges);
        Assert.False(next.Layout.ContainsKey("search"));
    }

    [Fact]
    public void Connecting_back_to_an_ancestor_bounds_the_loop()
    {
        var workflow = WorkflowEdits.RemoveNodes(SampleWorkflows.Loop(), []) with
        {
            Edges = SampleWorkflows.Loop().Edges.RemoveAll(e => e.MaxLoops is not null),
        };

        var (next, refusal) = WorkflowEdits.Connect(workflow, "editor", PortNames.Fail, "writer");

        Assert.Null(refusal);
        Assert.Contains(new Edge("editor", "writer", PortNames.Fail, WorkflowEdits.DefaultMaxLoops), next!.Edges);
    }

    [Fact]
    public void Renaming_a_node_follows_its_links_and_position_and_refuses_a_taken_id()
    {
        var workflow = SampleWorkflows.Chain();

        var (renamed, refusal) = WorkflowEdits.ReplaceNode(workflow, "search", workflow.FindNode("search")! with { Id = "lookup" });
        var (_, taken) = WorkflowEdits.ReplaceNode(workflow, "search", workflow.FindNode("search")! with { Id = "answer" });

        Assert.Null(refusal);
        Assert.Contains(new Edge("question", "lookup"), renamed!.Edges);
        Assert.Contains(new Edge("lookup", "answer"), renamed.Edges);
        Assert.Equal(new Position(300, 0), renamed.Layout["lookup"]);
        Assert.Equal("Another step is already called 'answer'.", taken);
    }

    [Fact]
    public void Merging_a_copy_renames_its_steps_keeps_inner_links_and_shifts_them()
    {
        var workflow = SampleWorkflows.Chain();
        var fragment = WorkflowEdits.Extract(workflow, ["search", "answer"]);

        var (next, ids) = WorkflowEdits.Merge(workflow, fragment, new Position(40, 40));

        Assert.Equal(["retrieval1", "prompt1"], ids);
        Assert.Contains(new Edge("retrieval1", "prompt1"), next.Edges);
        Assert.Equal(new Position(340, 40), next.Layout["retrieval1"]);
        Assert.Equal(workflow.Edges.Count + 1, next.Edges.Count);
    }
}
