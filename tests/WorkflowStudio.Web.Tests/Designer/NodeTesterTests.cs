using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Web.Designer;
using WorkflowStudio.Web.Designer.Inspector;

namespace WorkflowStudio.Web.Tests.Designer;

public sealed class NodeTesterTests : StudioTestContext
{
    [Fact]
    public void Filling_renders_every_template_with_the_samples_and_marks_missing_ones()
    {
        var node = new ToolNode("research") { Tool = "web.search", Args = ValueMap<string>.Empty.SetItem("query", "{{keyword}} for {{audience}}") };

        var filled = (ToolNode)StepTester.Fill(node, new Dictionary<string, string> { ["keyword"] = "solar panels" });

        Assert.Equal("solar panels for <audience>", filled.Args["query"]);
        Assert.Equal("web.search", filled.Tool);
    }

    [Fact]
    public void Only_steps_whose_inputs_are_templates_can_run_alone()
    {
        Assert.True(StepTester.CanTest(new PromptNode("p")));
        Assert.False(StepTester.CanTest(new ConditionNode("c")));
        Assert.False(StepTester.CanTest(new InputNode("i")));
    }

    [Fact]
    public void Testing_a_prompt_in_the_inspector_streams_the_answer_to_its_rendered_prompt()
    {
        var session = new DesignerSession(SampleWorkflows.Chain());
        session.Select(["answer"]);
        var inspector = Render<NodeInspector>(p => p.Add(c => c.Session, session));

        inspector.Find("[data-testid='setting-User-sample-question']").Input("Is it waterproof?");
        inspector.Find("[data-testid='setting-User-sample-search.text']").Input("Rated IP67.");
        inspector.Find("[data-testid=node-test-run]").Click();

        inspector.WaitForAssertion(() => Assert.Equal("Done.", inspector.Find("[data-testid=node-test-status]").TextContent));
        Assert.Equal("Answer: Answer Is it waterproof? from Rated IP67.", inspector.Find("[data-testid=node-test-output]").TextContent);
    }

    [Fact]
    public void A_step_that_fails_says_why()
    {
        var session = new DesignerSession(SampleWorkflows.Chain());
        session.Select(["search"]);
        var inspector = Render<NodeInspector>(p => p.Add(c => c.Session, session));

        inspector.Find("[data-testid=node-test-run]").Click();

        inspector.WaitForAssertion(() => Assert.StartsWith("Failed:", inspector.Find("[data-testid=node-test-status]").TextContent));
        Assert.Contains("acme-support", inspector.Find("[data-testid=node-test-status]").TextContent);
    }

    [Fact]
    public void Conditions_and_inputs_have_no_test_button()
    {
        var session = new DesignerSession(SampleWorkflows.Chain());
        session.AddNode(NodeCatalog.Find("condition")!, new Position(0, 0));
        var inspector = Render<NodeInspector>(p => p.Add(c => c.Session, session));

        Assert.Empty(inspector.FindAll("[data-testid=node-test]"));
        session.Select(["question"]);
        inspector.Render();
        Assert.Empty(inspector.FindAll("[data-testid=node-test]"));
    }
}
