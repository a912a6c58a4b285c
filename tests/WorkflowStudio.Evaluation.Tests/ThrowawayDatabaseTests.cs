using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Data.Storage;
using WorkflowStudio.Evaluation.Running;
using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Evaluation.Tests;

/// <summary>The CLI's temporary database, made from the models instead of migrated, holds a whole evaluation.</summary>
public sealed class ThrowawayDatabaseTests
{
    [Fact]
    public async Task An_evaluation_runs_and_is_stored_in_a_throwaway_database()
    {
        await using var h = Harness.Services(new ScriptedModelGateway(r => "answer-" + r.Messages[^1].Content.Split(' ')[^1]));
        var database = h.GetService<StudioDatabase>();
        await database.PrepareThrowawayAsync();

        var version = await h.SaveAsync(Harness.QuestionAnswer());
        var data = await h.DatasetAsync("numbers", Enumerable.Range(1, 5).Select(i => Harness.Case($"c{i}", $"question {i}", $"answer-{i}")));
        var evaluation = await h.Evaluations.CreateAsync(new EvaluationRequest("qa", version, "numbers", data.Number,
            new EvaluationSpec { Scorers = [ScorerSpec.Parse("exact")] }, "ada"));
        var summary = await h.Evaluations.RunAsync(evaluation.Id);

        Assert.Equal((5, 5), (summary.Done, summary.Passed));
        Assert.Equal(5, await h.Evaluations.ReadResultsAsync(evaluation.Id).CountAsync());
    }

    [Fact]
    public async Task A_database_already_prepared_cannot_be_made_throwaway()
    {
        await using var h = Harness.Services(new ScriptedModelGateway());
        var database = h.GetService<StudioDatabase>();
        await database.EnsureReadyAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => database.PrepareThrowawayAsync());
    }
}
