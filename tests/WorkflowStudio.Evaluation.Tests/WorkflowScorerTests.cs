using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Evaluation.Running;
using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Evaluation.Tests;

public sealed class WorkflowScorerTests : IAsyncLifetime
{
    private readonly Harness _h = Harness.Services(new ScriptedModelGateway());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>A metric written as a workflow: 1 when the output mentions the expected value, else 0, with a reason.</summary>
    private static Workflow MentionsJudge(string id = "mentions") => new WorkflowBuilder(id, "Mentions the expected value")
        .Input("output", i => i.Required(false)).Input("expected", i => i.Required(false))
        .Condition("check", "output contains expected")
        .Output("score", "{% if check.value %}1{% else %}0{% endif %}")
        .Output("reason", "{% if check.value %}mentions {{expected}}{% else %}never mentions {{expected}}{% endif %}")
        .Edge("output", "check").Edge("expected", "check").Edge("check.true", "score").Edge("check.false", "score")
        .Edge("check.true", "reason").Edge("check.false", "reason")
        .Build();

    [Fact]
    public async Task A_saved_judge_workflow_scores_each_case_with_its_score_and_reason()
    {
        await _h.SaveAsync(MentionsJudge());
        var version = await _h.SaveAsync(Harness.QuestionAnswer());
        // The scripted model answers "Answer: Answer: <question>", so "apples" is mentioned and "plums" is not.
        await _h.DatasetAsync("fruit", [Harness.Case("a", "apples", "apples"), Harness.Case("b", "pears", "plums")]);
        var spec = new EvaluationSpec { Scorers = [ScorerSpec.Parse("workflow:mentions")] };

        var evaluation = await _h.Evaluations.CreateAsync(new EvaluationRequest("qa", version, "fruit", 1, spec, "ada"));
        await _h.Evaluations.RunAsync(evaluation.Id);

        var scores = (await _h.Evaluations.ReadResultsAsync(evaluation.Id).ToListAsync()).Select(r => r.Scores.Single()).ToList();
        Assert.Equal([(1.0, true), (0.0, false)], scores.Select(s => (s.Value!.Value, s.Passed)));
        Assert.Equal("workflow", scores[0].Scorer);
        Assert.Equal("never mentions plums", scores[1].Reason);
    }

    [Fact]
    public async Task A_missing_scorer_workflow_or_one_that_cannot_see_the_output_is_refused_before_anything_runs()
    {
        var version = await _h.SaveAsync(Harness.QuestionAnswer());
        await _h.DatasetAsync("fruit", [Harness.Case("a", "apples", "apples")]);
        await _h.SaveAsync(new WorkflowBuilder("blind", "Blind").Input("question").Output("score", "1").Edge("question", "score").Build());

        Task Create(string scorer) => _h.Evaluations.CreateAsync(new EvaluationRequest("qa", version, "fruit", 1, new EvaluationSpec { Scorers = [ScorerSpec.Parse(scorer)] }, "ada"));

        Assert.Contains("no saved workflow 'nope'", (await Assert.ThrowsAsync<ArgumentException>(() => Create("workflow:nope"))).Message);
        Assert.Contains("no saved workflow 'blind@7'", (await Assert.ThrowsAsync<ArgumentException>(() => Create("workflow:blind@7"))).Message);
        Assert.Contains("no 'output' input", (await Assert.ThrowsAsync<ArgumentException>(() => Create("workflow:blind"))).Message);
        Assert.Contains("needs a saved scorer workflow", (await Assert.ThrowsAsync<ArgumentException>(() => Create("workflow"))).Message);
    }

    [Fact]
    public async Task A_missing_version_is_reported_before_a_missing_scorer_workflow()
    {
        await _h.DatasetAsync("fruit", [Harness.Case("a", "apples", "apples")]);

        var e = await Assert.ThrowsAsync<WorkflowStudio.Data.StoreException>(() => _h.Evaluations.CreateAsync(
            new EvaluationRequest("qa", 3, "fruit", 1, new EvaluationSpec { Scorers = [ScorerSpec.Parse("workflow:nope")] }, "ada")));

        Assert.Contains("Workflow 'qa' has no saved version 3", e.Message);
    }
}
