using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Web.Designer;

namespace WorkflowStudio.Web.Tests.Designer;

public sealed class DesignerSessionTests
{
    [Fact]
    public void A_workflow_without_positions_is_laid_out_on_open_and_not_dirty()
    {
        var session = new DesignerSession(SampleWorkflows.Loop());

        Assert.All(session.Workflow.Nodes, n => Assert.True(session.Workflow.Layout.ContainsKey(n.Id)));
        Assert.False(session.IsDirty);
        Assert.False(session.CanUndo);
    }

    [Fact]
    public void Every_change_undoes_and_redoes_and_a_new_change_clears_redo()
    {
        var session = new DesignerSession(SampleWorkflows.Chain());
        var original = session.Workflow;

        var id = session.AddNode(NodeCatalog.Find("judge")!, new Position(5, 5));
        var withJudge = session.Workflow;
        session.Connect("answer", PortNames.Out, id);

        Assert.True(session.Undo());
        Assert.Equal(withJudge, session.Workflow);
        Assert.True(session.Undo());
        Assert.Equal(original, session.Workflow);
        Assert.False(session.IsDirty);
        Assert.True(session.Redo());
        Assert.Equal(withJudge, session.Workflow);

        session.Move([new("question", new Position(1, 1))]);
        Assert.False(session.CanRedo);
    }

    [Fact]
    public void A_refused_link_changes_nothing_and_says_why()
    {
        var session = new DesignerSession(SampleWorkflows.Chain());
        var before = session.Workflow;

        var refusal = session.Connect("answer", PortNames.Out, "question");

        Assert.Equal(before, session.Workflow);
        Assert.Equal(refusal, session.LastRefusal);
        Assert.False(session.CanUndo);
    }

    [Fact]
    public void Problems_follow_the_workflow()
    {
        var session = new DesignerSession(SampleWorkflows.Chain());
        Assert.Empty(session.Problems);

        session.UpdateSetting("answer", NodeCatalog.Find("prompt")!.FindSetting("User")!, "Use {{nobody}}");

        var problem = Assert.Single(session.Problems);
        Assert.Equal(("unknown_variable", "answer", "User"), (problem.Code, problem.NodeId, problem.Field));
        Assert.Single(session.ProblemsFor("answer"));
    }

    [Fact]
    public void Code_without_positions_keeps_the_canvas_positions_of_known_steps()
    {
        var session = new DesignerSession(SampleWorkflows.Chain());
        var edited = session.Workflow with
        {
            Layout = ValueMap<Position>.Empty,
            Nodes = session.Workflow.Nodes.Select(n => n is PromptNode p ? p with { User = "Reply to {{question}}" } : n).ToValueList(),
        };

        session.ReplaceDefinition(edited);

        Assert.Equal(new Position(600, 0), session.Workflow.Layout["answer"]);
        Assert.Equal("Reply to {{question}}", ((PromptNode)session.Workflow.FindNode("answer")!).User);
    }

    [Fact]
    public void A_step_added_in_code_without_a_position_moves_none_of_the_steps_already_placed()
    {
        var session = new DesignerSession(SampleWorkflows.Chain());
        var before = session.Workflow.Layout;
        var edited = session.Workflow with
        {
            Layout = ValueMap<Position>.Empty,
            Nodes = session.Workflow.Nodes.Append(new PromptNode("summary") { User = "Sum up {{answer.text}}" }).ToValueList(),
            Edges = session.Workflow.Edges.Append(new Edge("answer", "summary")).ToValueList(),
        };

        session.ReplaceDefinition(edited);

        foreach (var id in new[] { "question", "search", "answer", "reply" }) Assert.Equal(before[id], session.Workflow.Layout[id]);
        var added = session.Workflow.Layout["summary"];
        Assert.True(added.Y > before.Values.Max(p => p.Y), $"the new step sits below the drawing, at {added}");
    }

    [Fact]
    public void Copy_then_paste_adds_fresh_steps_and_selects_them_and_junk_is_refused()
    {
        var session = new DesignerSession(SampleWorkflows.Chain());
        session.Select(["search", "answer"]);

        var copied = session.CopySelection()!;
        Assert.Null(session.Paste(copied));
        Assert.Equal(6, session.Workflow.Nodes.Count);
        Assert.Equal(["retrieval1", "prompt1"], session.SelectedNodes);

        Assert.StartsWith("The clipboard does not hold steps:", session.Paste("hello"));
        Assert.Equal(6, session.Workflow.Nodes.Count);
    }

    [Fact]
    public void Deleting_removes_steps_links_and_their_selection()
    {
        var session = new DesignerSession(SampleWorkflows.Chain());
        session.Select(["search"]);

        session.Delete(["search"], [new Edge("answer", "reply")]);

        Assert.Null(session.Workflow.FindNode("search"));
        Assert.Empty(session.Workflow.Edges);
        Assert.Empty(session.SelectedNodes);
    }

    [Fact]
    public void Saving_clears_dirty()
    {
        var session = new DesignerSession(SampleWorkflows.Chain());
        session.AutoLayout();
        session.Move([new("reply", new Position(2, 2))]);
        Assert.True(session.IsDirty);

        session.MarkSaved();

        Assert.False(session.IsDirty);
    }
}
