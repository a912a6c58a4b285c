using WorkflowStudio.Data;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Evaluation.Running;

namespace WorkflowStudio.Evaluation.Experiments;

/// <summary>
/// Experiments for every host: records the matrix of evaluations (all checked before any is recorded), runs them, and
/// reads the comparison table. Each cell is an ordinary evaluation, so its cases, traces and comparisons work as usual.
/// </summary>
public sealed class ExperimentService(EvaluationService engine, IEvaluationStore evaluations)
{
    public async Task<IReadOnlyList<EvaluationRecord>> CreateAsync(ExperimentRequest request, CancellationToken ct = default)
    {
        var experimentId = "exp-" + Guid.NewGuid().ToString("N")[..12];
        var requests = ExperimentMatrix.Cells(request).Select(cell => new EvaluationRequest(
            request.WorkflowId, cell.Version, request.DatasetId, request.DatasetVersion,
            request.Spec with { Prompt = cell.Prompt, ModelOverride = cell.Model ?? request.Spec.ModelOverride }, request.StartedBy)
        {
            ExperimentId = experimentId, Variant = cell.Variant,
        }).ToList();
        foreach (var r in requests)
        {
            try
            {
                await engine.CheckAsync(r, ct);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Variant '{r.Variant}': {e.Message}", e);
            }
        }
        var created = new List<EvaluationRecord>(requests.Count);
        foreach (var r in requests) created.Add(await engine.CreateAsync(r, ct));
        return created;
    }

    /// <summary>Runs (or resumes) every cell in turn; <paramref name="progress"/> hears each cell's progress under its variant name.</summary>
    public async Task<ExperimentTable> RunAsync(string experimentId, IProgress<(string Variant, EvaluationProgress Progress)>? progress = null, CancellationToken ct = default)
    {
        foreach (var cell in await CellsAsync(experimentId, ct))
        {
            var variant = cell.Variant ?? cell.Id;
            await engine.RunAsync(cell.Id, progress is null ? null : new CellProgress(variant, progress), ct);
        }
        return await GetTableAsync(experimentId, ct);
    }

    public async Task<IReadOnlyList<EvaluationRecord>> CellsAsync(string experimentId, CancellationToken ct = default)
    {
        var cells = await evaluations.ListExperimentAsync(experimentId, ct);
        return cells.Count > 0 ? cells : throw new StoreException($"There is no experiment '{experimentId}'.", StoreErrorKind.NotFound);
    }

    public async Task<ExperimentTable> GetTableAsync(string experimentId, CancellationToken ct = default)
    {
        var summaries = new List<(EvaluationRecord, EvaluationSummary)>();
        foreach (var cell in await CellsAsync(experimentId, ct)) summaries.Add((cell, await engine.GetSummaryAsync(cell.Id, ct)));
        return ExperimentTable.Build(experimentId, summaries);
    }

    private sealed class CellProgress(string variant, IProgress<(string, EvaluationProgress)> inner) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => inner.Report((variant, value));
    }
}
