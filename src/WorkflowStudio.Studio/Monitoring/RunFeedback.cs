using System.Text.Json;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Data.Deployments;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Evaluation.Datasets;
using WorkflowStudio.Studio.Evaluations;
using WorkflowStudio.Studio.Runs;

namespace WorkflowStudio.Studio.Monitoring;

/// <summary>What a person says about a run: thumbs or a score in [0, 1], a label, a comment, and the output it should have given.</summary>
public sealed record FeedbackInput(bool? ThumbsUp = null, double? Score = null, string? Label = null, string? Comment = null, string? Correction = null);

/// <summary>
/// Feedback on runs from the browser and the API, the feedback list, and "add to dataset": chosen runs become dataset
/// cases (their inputs; the correction, else the output, as expected) in a new version, through the dataset workbench.
/// </summary>
public sealed class RunFeedback(RunHistory history, IDeploymentStore deployments, IFeedbackStore store, DatasetWorkbench datasets, TimeProvider time)
{
    public const string CaseIdPrefix = "run-";

    /// <exception cref="StoreException">No such run, or the feedback is not valid.</exception>
    public async Task<FeedbackRecord> GiveAsync(string runId, FeedbackInput input, string by, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var score = input.Score ?? (input.ThumbsUp is { } up ? (up ? 1 : 0) : throw new StoreException("Give a thumbs up or down, or a score between 0 and 1."));
        if (input.Score is not null && input.ThumbsUp is { } thumb && thumb != score >= 0.5)
            throw new StoreException("The thumbs and the score disagree; give one or the other.");
        var run = await history.GetAsync(runId, ct) ?? throw new StoreException($"There is no run '{runId}'.", StoreErrorKind.NotFound);
        var tag = (await deployments.GetRunAsync(runId, ct))?.Tag;
        return await store.AddAsync(new NewFeedback(run.Id, run.WorkflowId, run.VersionNumber, tag, time.GetUtcNow(), score, input.ThumbsUp,
            input.Label, input.Comment, input.Correction, by), ct);
    }

    public Task<IReadOnlyList<FeedbackRecord>> ListAsync(MonitoringFilter filter, int take = 200, CancellationToken ct = default) =>
        store.ListAsync(filter, take, ct);

    public Task<IReadOnlyList<FeedbackRecord>> OfRunAsync(string runId, CancellationToken ct = default) => store.OfRunsAsync([runId], ct);

    /// <summary>
    /// Adds the runs as cases of the dataset (created when new) in one new version. A run already in it (same case id)
    /// is left as it was; the expected value is the latest correction given for the run, else what the run answered.
    /// </summary>
    /// <exception cref="StoreException">No runs chosen, a run that does not exist or did not finish, or a bad dataset id or name.</exception>
    public async Task<DatasetVersion> AddToDatasetAsync(string datasetId, string datasetName, IReadOnlyList<string> runIds, CancellationToken ct = default)
    {
        if (runIds.Count == 0) throw new StoreException("Choose at least one run to add.");
        var listing = (await datasets.ListAsync(ct)).FirstOrDefault(d => d.Dataset.Id == datasetId);
        var existing = listing is null ? new DatasetTable([], []) : await datasets.ReadAsync(datasetId, listing.Dataset.LatestVersion, ct);
        var corrections = (await store.OfRunsAsync(runIds, ct)).Where(f => f.Correction is not null)
            .GroupBy(f => f.RunId).ToDictionary(g => g.Key, g => g.Last().Correction!);
        var known = existing.Rows.Select(r => r.GetValueOrDefault(DatasetColumns.Id)).ToHashSet(StringComparer.Ordinal);

        var added = new List<IReadOnlyDictionary<string, string>>();
        foreach (var runId in runIds.Distinct(StringComparer.Ordinal))
        {
            var run = await history.GetAsync(runId, ct) ?? throw new StoreException($"There is no run '{runId}'.", StoreErrorKind.NotFound);
            if (!known.Add(CaseIdPrefix + run.Id)) continue;
            added.Add(DatasetColumns.FromCase(ToCase(run, corrections.GetValueOrDefault(run.Id))).ToDictionary(c => c.Column, c => c.Value, StringComparer.Ordinal));
        }
        var columns = existing.Columns.Concat(added.SelectMany(r => r.Keys)).Distinct(StringComparer.Ordinal).ToList();
        var name = listing?.Dataset.Name ?? datasetName;
        return await datasets.SaveAsync(datasetId, name, new DatasetTable(columns, [.. existing.Rows, .. added]),
            $"Added {added.Count} {(added.Count == 1 ? "run" : "runs")} from monitoring", ct);
    }

    private static DatasetCase ToCase(RunRecord run, string? correction)
    {
        if (run.Status != RunStatus.Succeeded && correction is null)
            throw new StoreException($"Run '{run.Id}' did not complete and has no correction, so there is no expected answer to add.");
        var outputs = run.Outputs ?? new Dictionary<string, JsonElement>();
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        var first = true;
        foreach (var (name, value) in outputs)
        {
            expected[first ? DatasetColumns.MainOutput : name] = Text(value);
            first = false;
        }
        if (correction is not null) expected[DatasetColumns.MainOutput] = correction;
        return new DatasetCase(CaseIdPrefix + run.Id, run.Inputs, expected)
        {
            Tags = [correction is null ? "from-run" : "corrected"],
            Note = $"Run {run.Id} of v{run.VersionNumber}",
        };
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
