using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Evaluation.Comparison;
using WorkflowStudio.Evaluation.Datasets;
using WorkflowStudio.Evaluation.Running;

namespace WorkflowStudio.Studio.Evaluations;

/// <summary>Two evaluations of one dataset (two runs, or two cells of an experiment) to judge pairwise, and the judge to use.</summary>
public sealed record PairwiseStart(string BaselineId, string CandidateId, string Model = PromptNode.DefaultModel, string? Rubric = null, int Concurrency = 4);

/// <summary>
/// Pairwise comparison for the browser and the CLI: a judge reads each case's two outputs, in both orders, and says which
/// answers better; the result counts wins, losses and ties per side and the order flips that show a judge's position bias.
/// </summary>
public sealed class PairwiseJudging(IEvaluationStore evaluations, IDatasetStore datasets, EvaluationService engine, IModelGateway models)
{
    /// <exception cref="StoreException">An evaluation is missing, or the two are of different datasets.</exception>
    /// <exception cref="ArgumentException">The judge model is unknown, or the concurrency is out of range.</exception>
    public async Task<PairwiseComparison> CompareAsync(PairwiseStart start, CancellationToken ct = default)
    {
        if (start.Concurrency is < 1 or > 64) throw new ArgumentException("The pairwise judge's concurrency must be between 1 and 64.");
        if (models.CheckModel(start.Model) is { } problem) throw new ArgumentException(problem);
        var baseline = await GetAsync(start.BaselineId, ct);
        var candidate = await GetAsync(start.CandidateId, ct);
        if (baseline.DatasetId != candidate.DatasetId)
            throw new StoreException($"Evaluations '{baseline.Id}' and '{candidate.Id}' are of different datasets ('{baseline.DatasetId}', '{candidate.DatasetId}'); pairwise judging compares outputs for the same cases.");

        var before = await FirstResultsAsync(baseline.Id, ct);
        var after = await FirstResultsAsync(candidate.Id, ct);
        var pairs = new List<PairCase>();
        var skipped = new List<PairSkipped>();
        await foreach (var stored in datasets.ReadCasesAsync(candidate.DatasetId, candidate.DatasetVersion, ct))
        {
            var id = stored.Case.Id;
            before.TryGetValue(id, out var b);
            after.TryGetValue(id, out var a);
            if (b is null || a is null) skipped.Add(new PairSkipped(id, $"No result in the {(b is null ? "baseline" : "candidate")}."));
            else if ((b.Error ?? a.Error) is { } error) skipped.Add(new PairSkipped(id, $"The {(b.Error is null ? "candidate" : "baseline")}'s run failed: {error}"));
            else pairs.Add(new PairCase(id, Question(stored.Case), Expected(stored.Case), OutputText.OfOutputs(b.OutputsJson), OutputText.OfOutputs(a.OutputsJson)));
        }

        var judge = new PairwiseJudge(models, start.Model, start.Rubric);
        var judged = new (PairJudgement? Judgement, string? Failure)[pairs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, pairs.Count), new ParallelOptions { MaxDegreeOfParallelism = start.Concurrency, CancellationToken = ct },
            async (i, token) => judged[i] = await judge.JudgeAsync(pairs[i], token));
        for (var i = 0; i < pairs.Count; i++)
            if (judged[i].Judgement is null) skipped.Add(new PairSkipped(pairs[i].CaseId, judged[i].Failure!));
        return new PairwiseComparison(baseline.Id, candidate.Id, [.. judged.Select(j => j.Judgement).OfType<PairJudgement>()], skipped);
    }

    private async Task<EvaluationRecord> GetAsync(string id, CancellationToken ct) =>
        await evaluations.GetAsync(id, ct) ?? throw new StoreException($"There is no evaluation '{id}'.", StoreErrorKind.NotFound);

    // With repeats, the first one stands for the case: pairing repeat with repeat would judge the same outputs again.
    private async Task<Dictionary<string, CaseResult>> FirstResultsAsync(string evaluationId, CancellationToken ct)
    {
        var first = new Dictionary<string, CaseResult>(StringComparer.Ordinal);
        await foreach (var result in engine.ReadResultsAsync(evaluationId, ct))
            if (!first.TryGetValue(result.CaseId, out var kept) || result.Repeat < kept.Repeat) first[result.CaseId] = result;
        return first;
    }

    // A single input is the question as asked; several are named, one to a line.
    private static string Question(DatasetCase c) =>
        c.Inputs.Count == 1 ? c.Inputs.First().Value : string.Join("\n", c.Inputs.Select(kv => $"{kv.Key}: {kv.Value}"));

    private static string? Expected(DatasetCase c) =>
        c.Expected.TryGetValue(DatasetColumns.MainOutput, out var main) ? main
        : c.Expected.Count == 0 ? null
        : string.Join("\n", c.Expected.Select(kv => $"{kv.Key}: {kv.Value}"));
}
