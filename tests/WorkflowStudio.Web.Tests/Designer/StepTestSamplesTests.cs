using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Web.Designer;
using WorkflowStudio.Web.Tests.RunView;

namespace WorkflowStudio.Web.Tests.Designer;

/// <summary>"Test this step" starts from the last run's values (else the inputs' defaults), shown and editable before the test.</summary>
public sealed class StepTestSamplesTests : StudioTestContext, IDisposable
{
    private readonly TempStudioData _db = new();

    [Fact]
    public async Task The_last_run_gives_each_input_and_step_output_as_a_sample()
    {
        await _db.Store.SaveAsync(new(SampleWorkflows.Chain(), "first", "ada", BasedOn: null));
        Assert.Empty(await _db.History.LastRunSamplesAsync("chain"));
        await _db.Runs.CreateRunAsync(new NewRun("run1", "chain", 1, "ada", new Dictionary<string, string> { ["question"] = "why?" }, RunEvents.Start));
        await _db.Runs.AppendEventsAsync(RunEvents.Story());

        var samples = await _db.History.LastRunSamplesAsync("chain");

        Assert.Equal("why?", samples["question"]);
        Assert.Equal("**Because** it is.<script>alert(1)</script>", samples["answer.text"]);
    }

    [Fact]
    public void The_test_shows_the_offered_values_runs_with_what_the_expert_edits_and_a_newer_run_does_not_undo_the_edit()
    {
        var session = new DesignerSession(SampleWorkflows.Chain());
        session.OfferSamples(new Dictionary<string, string> { ["question"] = "why?", ["search.text"] = "Rated IP67." });
        session.Select(["answer"]);
        var inspector = Render<NodeInspector>(p => p.Add(c => c.Session, session));

        Assert.Equal("why?", inspector.Find("input[data-testid='node-test-sample-question']").GetAttribute("value"));
        Assert.Equal("Rated IP67.", inspector.Find("input[data-testid='node-test-sample-search.text']").GetAttribute("value"));

        inspector.Find("input[data-testid='node-test-sample-question']").Input("Is it waterproof?");
        inspector.Find("[data-testid=node-test-run]").Click();

        inspector.WaitForAssertion(() => Assert.Equal("Done.", inspector.Find("[data-testid=node-test-status]").TextContent));
        Assert.Equal("Answer: Answer Is it waterproof? from Rated IP67.", inspector.Find("[data-testid=node-test-output]").TextContent);

        session.OfferSamples(new Dictionary<string, string> { ["question"] = "how?", ["search.text"] = "Rated IP68." });
        Assert.Equal("Is it waterproof?", session.Samples["question"]);
        Assert.Equal("Rated IP68.", session.Samples["search.text"]);
    }

    [Fact]
    public void Without_a_run_the_inputs_default_values_are_the_samples()
    {
        var flow = new WorkflowBuilder("defaults").Input("topic", i => i.Default("espresso")).Prompt("writer", p => p.User("Write about {{topic}}"))
            .Output("article", "{{writer.text}}").Edge("topic", "writer").Edge("writer", "article").Build();
        var session = new DesignerSession(flow);

        session.OfferSamples(new Dictionary<string, string>());

        Assert.Equal("espresso", session.Samples["topic"]);
    }

    public new void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}
