using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Data.Tests;

public sealed class EvaluationStoreTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private IEvaluationStore Store => _db.Services.GetRequiredService<IEvaluationStore>();

    public async Task InitializeAsync()
    {
        await Samples.SaveNewAsync(_db.Workflows);
        await _db.Services.GetRequiredService<IDatasetStore>().SaveVersionAsync("kw", "Keywords",
            [new DatasetCase("k1", new Dictionary<string, string> { ["keyword"] = "sqlite" }, DatasetCase.EmptyMap)], "first", "ada");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static NewEvaluation Evaluation(string id = "e1") => new(id, "seo-article", 1, "kw", 1, null, 2, "{}", "ada");

    private static CaseResult Result(int ordinal, int repeat, bool passed, long ms, decimal cost) => new(
        "e1", ordinal, repeat, $"k{ordinal}", $"run-{ordinal}-{repeat}", passed, passed ? null : "boom",
        TimeSpan.FromMilliseconds(ms), 10, 5, cost, """{"article":"x"}""",
        [new ScoreResult("exact", passed ? 1 : 0, passed, "why"), new ScoreResult("contains", 0.5, true, null)]);

    [Fact]
    public async Task Results_are_stored_in_batches_and_totals_read_from_them()
    {
        await Store.CreateAsync(Evaluation());
        await _db.Services.GetRequiredService<IRunStore>().AppendAsync([Samples.Run("run-0-0"), Samples.Run("run-1-0")], []);
        await Store.AppendResultsAsync([Result(0, 0, true, 30, 0.01m), Result(1, 0, false, 10, 0.02m)]);
        await Store.AppendResultsAsync([Result(0, 1, true, 20, 0.03m)]);

        Assert.Equal(new EvaluationTotals(3, 2, 1, 0.06m, 30, 15), await Store.GetTotalsAsync("e1"));
        Assert.Equal([10L, 20L, 30L], await Store.GetLatenciesAsync("e1"));
        Assert.Equal(new HashSet<(int, int)> { (0, 0), (1, 0), (0, 1) }, await Store.GetFinishedAsync("e1"));
        Assert.Equal([new ScorerTotals("contains", 3, 3, 0.5), new ScorerTotals("exact", 3, 2, 2 / 3.0)], await Store.GetScorerTotalsAsync("e1"));
        var scores = await Store.GetScoresAsync("e1");
        Assert.Equal(6, scores.Count);
        Assert.Equal(new CaseScore(0, "k0", 0, "contains", 0.5, true, null), scores[0]);
        var page = await Store.GetResultsAsync("e1", skip: 1, take: 1);
        Assert.Equal(("k0", 1, 2), (page[0].CaseId, page[0].Repeat, page[0].Scores.Count));
        Assert.NotNull(await _db.Runs.GetRunAsync("run-1-0"));
    }

    [Fact]
    public async Task A_cases_outputs_are_read_one_per_repeat_without_its_scores()
    {
        await Store.CreateAsync(Evaluation());
        await Store.AppendResultsAsync([Result(1, 1, false, 10, 0m), Result(1, 0, true, 10, 0m), Result(0, 0, true, 10, 0m)]);

        Assert.Equal([new CaseOutput(0, "run-1-0", null, """{"article":"x"}"""), new CaseOutput(1, "run-1-1", "boom", """{"article":"x"}""")],
            await Store.GetCaseOutputsAsync("e1", "k1"));
        Assert.Empty(await Store.GetCaseOutputsAsync("e1", "k9"));
    }

    [Fact]
    public async Task An_evaluation_of_a_version_or_dataset_that_does_not_exist_is_refused()
    {
        var error = await Assert.ThrowsAsync<StoreException>(() => Store.CreateAsync(Evaluation() with { VersionNumber = 9 }));
        Assert.Contains("no saved version 9", error.Message);
        error = await Assert.ThrowsAsync<StoreException>(() => Store.CreateAsync(Evaluation() with { DatasetVersion = 4 }));
        Assert.Contains("no version 4", error.Message);
    }

    [Fact]
    public async Task Status_moves_and_the_end_is_stamped()
    {
        await Store.CreateAsync(Evaluation());
        await Store.SetStatusAsync("e1", EvaluationStatus.Completed);
        var record = await Store.GetAsync("e1");
        Assert.Equal(EvaluationStatus.Completed, record!.Status);
        Assert.NotNull(record.EndedAt);
        Assert.Single(await Store.ListAsync("seo-article"));
    }
}
