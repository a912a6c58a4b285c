using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Studio.Evaluations;
using WorkflowStudio.Web.Designer.Inspector;

namespace WorkflowStudio.Web.Tests.Designer;

/// <summary>The inspector's Checks section over a real studio database: checks added on a step are kept for that step.</summary>
public sealed class StepChecksSectionTests : StudioTestContext, IDisposable
{
    private readonly TempStepChecks _data = new();
    private static readonly Core.Model.Workflow Qa = new WorkflowBuilder("qa", "Q&A").Input("question")
        .Prompt("answer", p => p.User("{{question}}")).Output("result", "{{answer.text}}").Edge("question", "answer").Edge("answer", "result").Build();

    public StepChecksSectionTests()
    {
        _data.SaveAsync(Qa).GetAwaiter().GetResult();
        Services.AddSingleton(_data.Checks);
    }

    void IDisposable.Dispose() => _data.Dispose();

    [Fact]
    public async Task A_check_added_on_a_step_is_saved_for_that_step_and_shown_again_and_a_bad_one_names_the_problem()
    {
        var section = Render<StepChecksSection>(p => p.Add(c => c.WorkflowId, "qa").Add(c => c.Step, Qa.FindNode("answer")!));
        section.Find("[data-testid=step-check-add]").Click();
        var type = section.FindComponents<MudSelect<string>>().Single();
        await section.InvokeAsync(() => type.Instance.ValueChanged.InvokeAsync("regex"));
        section.Find("input[data-testid=step-check-0-argument]").Change("(");
        section.Find("[data-testid=step-check-save]").Click();
        section.WaitForAssertion(() => Assert.Contains("regex@answer", section.Find("[data-testid=step-check-error]").TextContent));

        section.Find("input[data-testid=step-check-0-argument]").Change("^billing|technical$");
        section.Find("[data-testid=step-check-save]").Click();
        section.WaitForAssertion(() => Assert.Equal("1", section.Find("[data-testid=step-checks]").GetAttribute("data-count")));

        var saved = Assert.Single(await _data.Checks.ForStepAsync("qa", "answer"));
        Assert.Equal(("regex", "answer", "^billing|technical$"), (saved.Type, saved.Step, saved.Pattern));
        var again = Render<StepChecksSection>(p => p.Add(c => c.WorkflowId, "qa").Add(c => c.Step, Qa.FindNode("answer")!));
        again.WaitForAssertion(() => Assert.Equal("^billing|technical$", again.Find("input[data-testid=step-check-0-argument]").GetAttribute("value")));
    }
}
