using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Data;
using WorkflowStudio.Studio.Security;

namespace WorkflowStudio.Studio.Tests;

public sealed class WorkflowPermissionsTests
{
    private static readonly Workflow Before = new WorkflowBuilder("w", "W")
        .Input("topic").Prompt("writer", p => p.User("Write about {{topic}}")).Judge("editor", j => j.Rubric("Clear"))
        .Output("out", "{{writer.text}}").Edge("topic", "writer").Edge("writer", "editor").Edge("editor.pass", "out").Build();

    private static Workflow Edit(Func<Node, Node> change) => Before with { Nodes = [.. Before.Nodes.Select(change)] };

    [Fact]
    public void A_prompt_editor_may_change_prompts_and_rubrics()
    {
        var after = Edit(n => n switch
        {
            PromptNode p => p with { User = "Write kindly about {{topic}}", System = "Be brief" },
            JudgeNode j => j with { Rubric = "Clear and kind" },
            _ => n,
        });
        WorkflowPermissions.EnsureMayChange(StudioRole.PromptEditor, Before, after);
    }

    [Fact]
    public void A_prompt_editor_may_not_change_a_model_a_step_or_a_link()
    {
        Workflow[] refused =
        [
            Edit(n => n is PromptNode p ? p with { Model = "gpt-4o" } : n),
            Before with { Nodes = [.. Before.Nodes, new OutputNode("extra")] },
            Before with { Edges = [.. Before.Edges.Skip(1)] },
        ];
        foreach (var after in refused)
            Assert.Equal(StoreErrorKind.Forbidden,
                Assert.Throws<StoreException>(() => WorkflowPermissions.EnsureMayChange(StudioRole.PromptEditor, Before, after)).Kind);
    }

    [Fact]
    public void A_viewer_changes_nothing_and_an_editor_anything()
    {
        var after = Edit(n => n is PromptNode p ? p with { Model = "gpt-4o" } : n);
        Assert.Throws<StoreException>(() => WorkflowPermissions.EnsureMayChange(StudioRole.Viewer, Before, Edit(n => n) with { Description = "x" }));
        WorkflowPermissions.EnsureMayChange(StudioRole.Editor, Before, after);
        Assert.Throws<StoreException>(() => WorkflowPermissions.EnsureMayManage(StudioRole.PromptEditor, "delete workflows"));
    }
}
