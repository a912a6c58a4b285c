using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Evaluation.Comparison;
using WorkflowStudio.Evaluation.Experiments;
using WorkflowStudio.Evaluation.Running;
using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Evaluation.Tests;

public sealed class ExperimentTests : IAsyncLifetime
{
    // The scripted model answers "Answer: " + its prompt, so a prompt variant changes every output predictably.
    private readonly Harness _h = Harness.Services(new ScriptedModelGateway());
    private ExperimentService Experiments => _h.GetService<ExperimentService>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<ExperimentRequest> RequestAsync(params PromptVariant[] prompts)
    {
        var version = await _h.SaveAsync(Harness.QuestionAnswer());
        // The saved prompt "Answer: {{question}}" yields "Answer: Answer: q", which the expected value is not.
        await _h.DatasetAsync("qs", Enumerable.Range(1, 4).Select(i => Harness.Case($"c{i}", $"q{i}", $"Answer: q{i}")));
        return new ExperimentRequest("qa", [version], "qs", 1, new EvaluationSpec { Scorers = [ScorerSpec.Parse("exact")], Concurrency = 2 }, "ada")
        {
            Prompts = prompts,
        };
    }

    [Fact]
    public async Task Two_prompt_variants_run_as_a_group_and_the_table_marks_the_better_one_without_saving_a_version()
    {
        var request = await RequestAsync(new PromptVariant("bare", "answer", null, "{{question}}"));

        var cells = await Experiments.CreateAsync(request);
        var table = await Experiments.RunAsync(cells[0].ExperimentId!);

        Assert.Equal([ExperimentMatrix.SavedPrompt, "bare"], table.Rows.Select(r => r.Variant));
        Assert.Equal([0.0, 1.0], table.Rows.Select(r => r.Values[0]));
        Assert.Equal(["Pass rate", "exact mean", "exact pass rate", "Cost", "p50 ms", "p95 ms"], table.Columns.Select(c => c.Title));
        Assert.Equal((false, true), (table.IsBest(0, 0), table.IsBest(1, 0)));
        Assert.All(table.Rows, r => Assert.Equal(EvaluationStatus.Completed, r.Summary.Status));
        // Both cells evaluated version 1; the variant lives only in the evaluation's spec.
        Assert.Single(await _h.GetService<IWorkflowStore>().ListVersionsAsync("qa"));
        Assert.Equal("{{question}}", EvaluationSpec.FromJson(cells[1].SpecJson).Prompt!.User);

        var diff = await _h.Evaluations.CompareAsync(cells[0].Id, cells[1].Id);
        Assert.Equal(4, diff.Improved);
        Assert.All(diff.Cases, c => Assert.Equal(CaseChange.Improved, c.Change));
        var back = await _h.Evaluations.CompareAsync(cells[1].Id, cells[0].Id);
        Assert.Equal(4, back.Regressed);
    }

    [Fact]
    public async Task Prompt_variants_times_models_make_a_named_matrix_and_each_cell_runs_its_model()
    {
        var request = await RequestAsync(new PromptVariant("bare", "answer", null, "{{question}}")) with { Models = ["other-model"] };

        var cells = await Experiments.CreateAsync(request);

        Assert.Equal(["saved prompt × saved model", "saved prompt × other-model", "bare × saved model", "bare × other-model"], cells.Select(c => c.Variant));
        Assert.Equal([null, "other-model", null, "other-model"], cells.Select(c => c.ModelOverride));
        Assert.Single(cells.Select(c => c.ExperimentId).Distinct());
        Assert.Equal(cells.Select(c => c.Id), (await Experiments.CellsAsync(cells[0].ExperimentId!)).Select(c => c.Id));
    }

    [Fact]
    public async Task A_variant_that_cannot_run_refuses_the_whole_experiment_and_records_nothing()
    {
        var request = await RequestAsync(new PromptVariant("ok", "answer", null, "{{question}}"), new PromptVariant("typo", "answr", null, "x"));

        var e = await Assert.ThrowsAsync<ArgumentException>(() => Experiments.CreateAsync(request));

        Assert.Contains("'typo'", e.Message);
        Assert.Contains("'answr'", e.Message);
        Assert.Empty(await _h.GetService<IEvaluationStore>().ListAsync("qa"));
        await Assert.ThrowsAsync<ArgumentException>(() => Experiments.CreateAsync(request with { Prompts = [] }));
        await Assert.ThrowsAsync<ArgumentException>(() => Experiments.CreateAsync(request with { Prompts = [new PromptVariant("x", "result", null, "y")] }));
        await Assert.ThrowsAsync<StoreException>(() => Experiments.GetTableAsync("exp-none"));
    }

    [Fact]
    public void A_column_where_every_variant_measured_the_same_has_no_best_and_ties_are_all_best()
    {
        static (EvaluationRecord, EvaluationSummary) Cell(string id, int passed, decimal cost) => (
            new EvaluationRecord(id, "w", 1, "d", 1, null, 1, "{}", EvaluationStatus.Completed, DateTimeOffset.UnixEpoch, null, "ada") { Variant = id },
            new EvaluationSummary(id, EvaluationStatus.Completed, 4, 4, passed, 0, 10, 20, cost, 0, 0, []));

        var table = ExperimentTable.Build("exp", [Cell("a", 3, 0.5m), Cell("b", 3, 0.5m), Cell("c", 1, 0.5m)]);

        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(r => table.IsBest(r, 0)));
        var cost = table.Columns.ToList().FindIndex(c => c.Title == "Cost");
        Assert.DoesNotContain(true, Enumerable.Range(0, 3).Select(r => table.IsBest(r, cost)));
    }
}
