using WorkflowStudio.Core.Building;
using WorkflowStudio.Evaluation.Scoring;
using WorkflowStudio.Web.Evaluations;

namespace WorkflowStudio.Web.Tests.Evaluations;

/// <summary>An experiment of prompt variants from the browser form to the comparison table, over real storage and the real engine.</summary>
public sealed class ExperimentViewTests : StudioTestContext, IDisposable
{
    private readonly EvaluationStudioData _data = new();

    public ExperimentViewTests()
    {
        _data.AddTo(Services);
        _data.Library.SaveAsync(new WorkflowBuilder("qa", "Q&A").Input("question")
            .Prompt("answer", p => p.User("Answer briefly: {{question}}").Stream(false))
            .Output("result", "{{answer.text}}").Edge("question", "answer").Edge("answer", "result").Build()).GetAwaiter().GetResult();
        _data.ImportFruitAsync().GetAwaiter().GetResult();
    }

    void IDisposable.Dispose() => _data.Dispose();

    [Fact]
    public async Task A_prompt_variant_starts_from_the_steps_prompt_and_the_experiment_shows_a_row_per_variant_with_the_best_marked()
    {
        string? started = null;
        var form = Render<StartEvaluationForm>(p => p.Add(c => c.WorkflowId, "qa").Add(c => c.Experiment, true).Add(c => c.ExperimentStarted, id => started = id));
        form.WaitForAssertion(() => Assert.False(form.Find("[data-testid=experiment-add-variant]").HasAttribute("disabled")));

        form.Find("[data-testid=experiment-add-variant]").Click();
        // The variant row renders once the click's handler has run, which a loaded machine can delay.
        form.WaitForAssertion(() =>
        {
            var shown = form.Find("textarea[data-testid=experiment-variant-0-prompt]");
            Assert.Equal("Answer briefly: {{question}}", shown.GetAttribute("value") ?? shown.TextContent);
        });
        form.Find("input[data-testid=experiment-variant-0-name]").Change("plain");
        form.Find("textarea[data-testid=experiment-variant-0-prompt]").Change("{{question}}");
        form.Find("[data-testid=evaluation-run]").Click();
        form.WaitForAssertion(() => Assert.NotNull(started));

        var view = Render<ExperimentView>(p => p.Add(c => c.ExperimentId, started!));
        view.WaitForAssertion(() => Assert.Equal(["completed", "completed"], view.FindAll("[data-testid^=experiment-row-]").Select(r => r.GetAttribute("data-status"))), TimeSpan.FromMinutes(1));
        Assert.Equal(["saved prompt", "plain"], view.FindAll("[data-testid^=experiment-row-]").Select(r => r.GetAttribute("data-variant")));

        var table = await _data.Coordinator.GetExperimentAsync(started!);
        for (var r = 0; r < table.Rows.Count; r++)
            for (var c = 0; c < table.Columns.Count; c++)
                Assert.Equal(table.IsBest(r, c) ? "true" : "false", view.Find($"[data-testid=experiment-cell-{r}-{c}]").GetAttribute("data-best"));
        // The compare box pairs the variant with the saved prompt, labelled by variant.
        view.WaitForAssertion(() => Assert.Contains("plain", view.Find("[data-testid=compare-candidate]").TextContent));
    }

    [Fact]
    public async Task An_experiment_with_nothing_to_compare_is_refused_with_the_reason()
    {
        var form = Render<StartEvaluationForm>(p => p.Add(c => c.WorkflowId, "qa").Add(c => c.Experiment, true));
        form.WaitForAssertion(() => Assert.False(form.Find("[data-testid=evaluation-run]").HasAttribute("disabled")));

        form.Find("[data-testid=evaluation-run]").Click();

        form.WaitForAssertion(() => Assert.Contains("at least two variants", form.Find("[data-testid=evaluation-start-error]").TextContent));
        Assert.Empty(await _data.Coordinator.ListAsync("qa"));
    }
}
