using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Web.Designer;

namespace WorkflowStudio.Web.Tests.Designer;

public sealed class LayeredLayoutTests
{
    [Fact]
    public void A_chain_reads_left_to_right_on_one_row()
    {
        var layout = LayeredLayout.Arrange(SampleWorkflows.Chain());

        var xs = new[] { "question", "search", "answer", "reply" }.Select(id => layout[id].X).ToList();
        Assert.Equal(xs.Order(), xs);
        Assert.Equal(LayeredLayout.LayerSpacing, xs[1] - xs[0]);
        Assert.Single(layout.Values.Select(p => p.Y).Distinct());
    }

    [Fact]
    public void A_loop_back_edge_does_not_push_its_target_to_the_right()
    {
        var layout = LayeredLayout.Arrange(SampleWorkflows.Loop());

        Assert.True(layout["topic"].X < layout["writer"].X);
        Assert.True(layout["writer"].X < layout["editor"].X);
        Assert.True(layout["editor"].X < layout["article"].X);
    }

    [Fact]
    public void Parallel_branches_share_a_layer_on_separate_rows_and_the_join_comes_after()
    {
        var workflow = new WorkflowBuilder("fan")
            .Input("a").Prompt("left", p => p.User("{{a}}")).Prompt("right", p => p.User("{{a}}"))
            .Output("join", "{{left.text}} {{right.text}}")
            .Edge("a", "left").Edge("a", "right").Edge("left", "join").Edge("right", "join")
            .Build();

        var layout = LayeredLayout.Arrange(workflow);

        Assert.Equal(layout["left"].X, layout["right"].X);
        Assert.Equal(LayeredLayout.RowSpacing, Math.Abs(layout["left"].Y - layout["right"].Y));
        Assert.True(layout["join"].X > layout["left"].X);
        Assert.Equal((layout["left"].Y + layout["right"].Y) / 2, layout["join"].Y);
    }

    [Fact]
    public void Every_step_gets_a_distinct_place()
    {
        var builder = new WorkflowBuilder("many").Input("start");
        for (var i = 0; i < 30; i++) builder.Prompt($"p{i}", p => p.User("{{start}}")).Edge(i == 0 ? "start" : $"p{i - 1}", $"p{i}").Edge("start", $"p{i}");
        var layout = LayeredLayout.Arrange(builder.Build());

        Assert.Equal(31, layout.Values.Distinct().Count());
    }

    [Fact]
    public void An_empty_workflow_has_an_empty_layout() =>
        Assert.Empty(LayeredLayout.Arrange(new Workflow("empty", "Empty")));
}
