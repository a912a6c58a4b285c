using WorkflowStudio.Core.Model;
using WorkflowStudio.Web.Designer;

namespace WorkflowStudio.Web.Tests.Designer;

public sealed class LinkRulesTests
{
    private readonly Workflow _workflow = SampleWorkflows.Chain();

    [Fact]
    public void A_link_from_an_output_port_to_a_later_step_is_allowed() =>
        Assert.Null(LinkRules.Refusal(_workflow, "question", PortNames.Out, "answer"));

    [Theory]
    [InlineData("answer", "out", "answer", "'answer' cannot link to itself.")]
    [InlineData("answer", "out", "question", "Input steps start the workflow; nothing can link into 'question'.")]
    [InlineData("reply", "out", "answer", "Output steps end the workflow; links cannot start at 'reply'.")]
    [InlineData("answer", "pass", "reply", "'answer' has no 'pass' port; its ports are out.")]
    [InlineData("search", "out", "answer", "'search' is already linked to 'answer'.")]
    [InlineData("ghost", "out", "answer", "Both ends of a link must be steps on the canvas.")]
    public void Bad_links_are_refused_with_a_reason(string from, string port, string to, string reason) =>
        Assert.Equal(reason, LinkRules.Refusal(_workflow, from, port, to));

    [Fact]
    public void A_link_back_to_an_ancestor_closes_a_loop_and_a_forward_one_does_not()
    {
        Assert.True(LinkRules.ClosesLoop(_workflow, "answer", "search"));
        Assert.False(LinkRules.ClosesLoop(_workflow, "question", "reply"));
    }
}
