using System.Globalization;
using Microsoft.EntityFrameworkCore;
using WorkflowStudio.Data.Entities;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Evaluations;

public sealed class EvaluationStore(StudioDatabase database, TimeProvider time) : IEvaluationStore
{
    public async Task<EvaluationRecord> CreateAsync(NewEvaluation evaluation, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (string.IsNullOrWhiteSpace(evaluation.Id) || evaluation.Id.Length > StoreLimits.IdLength)
            throw new StoreException($"An evaluation id must be 1 to {StoreLimits.IdLength} characters.");
        if (evaluation.Repeats < 1) throw new StoreException("An evaluation runs every case at least once.");
        await using var db = await database.OpenAsync(ct);
        if (!await db.Versions.AnyAsync(v => v.WorkflowId == evaluation.WorkflowId && v.Number == evaluation.VersionNumber, ct))
            throw new StoreException($"Workflow '{evaluation.WorkflowId}' has no saved version {evaluation.VersionNumber}.", StoreErrorKind.NotFound);
        if (!await db.DatasetVersions.AnyAsync(v => v.DatasetId == evaluation.DatasetId && v.Number == evaluation.DatasetVersion, ct))
            throw new StoreException($"Dataset '{evaluation.DatasetId}' has no version {evaluation.DatasetVersion}.", StoreErrorKind.NotFound);
        if (await db.Evaluations.AnyAsync(e => e.Id == evaluation.Id, ct))
            throw new StoreException($"An evaluation with the id '{evaluation.Id}' already exists.", StoreErrorKind.Conflict);
        var row = new EvaluationRow
        {
            Id = evaluation.Id,
            WorkflowId = evaluation.WorkflowId,
            VersionNumber = evaluation.VersionNumber,
            DatasetId = evaluation.DatasetId,
            DatasetVersion = evaluation.DatasetVersion,
            ModelOverride = evaluation.ModelOverride,
            Repeats = evaluation.Repeats,
            SpecJson = evaluation.SpecJson,
            Status = EvaluationStatus.Created,
            CreatedAt = time.GetUtcNow(),
            StartedBy = evaluation.StartedBy,
            ExperimentId = evaluation.ExperimentId,
            Variant = evaluation.Variant,
        };
        db.Evaluations.Add(row);
        await db.SaveChangesAsync(ct);
        return ToRecord(row);
    }

    public async Task<EvaluationRecord?> GetAsync(string evaluationId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await db.Evaluations.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evaluationId, ct);
        return row is null ? null : ToRecord(row);
    }

    public async Task<IReadOnlyList<EvaluationRecord>> ListAsync(string workflowId, int take = 50, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var rows = await db.Evaluations.AsNoTracking().Where(e => e.WorkflowId == workflowId)
            .OrderByDescending(e => e.CreatedAt).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
        return [.. rows.Select(ToRecord)];
    }

    public async Task<IReadOnlyList<EvaluationRecord>> ListUnfinishedAsync(CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var rows = await db.Evaluations.AsNoTracking()
            .Where(e => e.Status == EvaluationStatus.Created || e.Status == EvaluationStatus.Running || e.Status == EvaluationStatus.Interrupted)
            .OrderBy(e => e.CreatedAt).ToListAsync(ct);
        return [.. rows.Select(ToRecord)];
    }

    public async Task<IReadOnlyList<EvaluationRecord>> ListExperimentAsync(string experimentId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var rows = await db.Evaluations.AsNoTracking().Where(e => e.ExperimentId == experimentId).ToListAsync(ct);
        // Cells were created in matrix order within one moment; the id breaks ties of the clock.
        return [.. rows.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id, StringComparer.Ordinal).Select(ToRecord)];
    }

    public async Task<IReadOnlyDictionary<string, string>> GetStepChecksAsync(string workflowId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        return await db.StepChecks.AsNoTracking().Where(c => c.WorkflowId == workflowId).ToDictionaryAsync(c => c.StepId, c => c.ChecksJson, StringComparer.Ordinal, ct);
    }

    public async Task SetStepChecksAsync(string workflowId, string stepId, string? checksJson, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(stepId) || stepId.Length > StoreLimits.IdLength) throw new StoreException($"A step id must be 1 to {StoreLimits.IdLength} characters.");
        await using var db = await database.OpenAsync(ct);
        if (!await db.Workflows.AnyAsync(w => w.Id == workflowId, ct)) throw new StoreException($"There is no workflow '{workflowId}'.", StoreErrorKind.NotFound);
        var row = await db.StepChecks.FirstOrDefaultAsync(c => c.WorkflowId == workflowId && c.StepId == stepId, ct);
        if (checksJson is null)
        {
            if (row is not null) db.StepChecks.Remove(row);
        }
        else if (row is null) db.StepChecks.Add(new StepCheckRow { WorkflowId = workflowId, StepId = stepId, ChecksJson = checksJson, UpdatedAt = time.GetUtcNow() });
        else (row.ChecksJson, row.UpdatedAt) = (checksJson, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public async Task SetStatusAsync(string evaluationId, EvaluationStatus status, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        DateTimeOffset? ended = status is EvaluationStatus.Created or EvaluationStatus.Running or EvaluationStatus.Interrupted ? null : time.GetUtcNow();
        var changed = await db.Evaluations.Where(e => e.Id == evaluationId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, status).SetProperty(e => e.EndedAt, ended), ct);
        if (changed == 0) throw new StoreException($"There is no evaluation '{evaluationId}'.", StoreErrorKind.NotFound);
    }

    public async Task<IReadOnlySet<(int Ordinal, int Repeat)>> GetFinishedAsync(string evaluationId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var rows = await db.EvaluationCases.AsNoTracking().Where(c => c.EvaluationId == evaluationId)
            .Select(c => new { c.Ordinal, c.Repeat }).ToListAsync(ct);
        return rows.Select(r => (r.Ordinal, r.Repeat)).ToHashSet();
    }

    public async Task AppendResultsAsync(IReadOnlyList<CaseResult> results, CancellationToken ct = default)
    {
        if (results.Count == 0) return;
        await using var db = await database.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Prepared INSERTs reused for the whole batch, as the run store does for events: an evaluation writes a case
        // row and a row per scorer for every case, thousands a second, which tracked entities cannot keep up with.
        using var cases = new BatchInsert(db, tx, """
            INSERT INTO "EvaluationCases" ("EvaluationId", "Ordinal", "Repeat", "CaseId", "RunId", "Passed", "Error", "LatencyMs", "InputTokens", "OutputTokens", "Cost", "OutputsJson")
            VALUES ($evaluation, $ordinal, $repeat, $case, $run, $passed, $error, $latency, $in, $out, $cost, $outputs)
            """, "$evaluation", "$ordinal", "$repeat", "$case", "$run", "$passed", "$error", "$latency", "$in", "$out", "$cost", "$outputs");
        using var scores = new BatchInsert(db, tx, """
            INSERT INTO "EvaluationScores" ("EvaluationId", "Ordinal", "Repeat", "Scorer", "Value", "Passed", "Reason")
            VALUES ($evaluation, $ordinal, $repeat, $scorer, $value, $passed, $reason)
            """, "$evaluation", "$ordinal", "$repeat", "$scorer", "$value", "$passed", "$reason");
        foreach (var r in results)
        {
            cases.Execute(r.EvaluationId, r.Ordinal, r.Repeat, r.CaseId, r.RunId, r.Passed, r.Error, (long)r.Latency.TotalMilliseconds,
                r.InputTokens, r.OutputTokens, r.Cost.ToString(CultureInfo.InvariantCulture), r.OutputsJson);
            foreach (var s in r.Scores)
                scores.Execute(r.EvaluationId, r.Ordinal, r.Repeat, s.Scorer, s.Value is { } v && double.IsFinite(v) ? v : null, s.Passed, s.Reason);
        }
        await tx.CommitAsync(ct);
    }

    public async Task<EvaluationTotals> GetTotalsAsync(string evaluationId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var cases = db.EvaluationCases.AsNoTracking().Where(c => c.EvaluationId == evaluationId);
        var totals = await cases.GroupBy(_ => 1).Select(g => new
        {
            Results = g.Count(),
            Passed = g.Count(c => c.Passed),
            Errors = g.Count(c => c.Error != null),
            InputTokens = g.Sum(c => (long)c.InputTokens),
            OutputTokens = g.Sum(c => (long)c.OutputTokens),
        }).FirstOrDefaultAsync(ct);
        // SQLite cannot sum decimals in SQL; cost is summed here from one small column.
        var cost = (await cases.Select(c => c.Cost).ToListAsync(ct)).Sum();
        return totals is null
            ? new EvaluationTotals(0, 0, 0, 0, 0, 0)
            : new EvaluationTotals(totals.Results, totals.Passed, totals.Errors, cost, totals.InputTokens, totals.OutputTokens);
    }

    public async Task<IReadOnlyList<ScorerTotals>> GetScorerTotalsAsync(string evaluationId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        return await db.EvaluationScores.AsNoTracking().Where(s => s.EvaluationId == evaluationId)
            .GroupBy(s => s.Scorer).OrderBy(g => g.Key)
            .Select(g => new ScorerTotals(g.Key, g.Count(), g.Count(s => s.Passed), g.Average(s => s.Value)))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<long>> GetLatenciesAsync(string evaluationId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        return await db.EvaluationCases.AsNoTracking().Where(c => c.EvaluationId == evaluationId)
            .OrderBy(c => c.LatencyMs).Select(c => c.LatencyMs).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<CaseScore>> GetScoresAsync(string evaluationId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        return await (from s in db.EvaluationScores.AsNoTracking()
                      join c in db.EvaluationCases.AsNoTracking() on new { s.EvaluationId, s.Ordinal, s.Repeat } equals new { c.EvaluationId, c.Ordinal, c.Repeat }
                      where s.EvaluationId == evaluationId
                      orderby s.Ordinal, s.Repeat, s.Scorer
                      select new CaseScore(s.Ordinal, c.CaseId, s.Repeat, s.Scorer, s.Value, s.Passed, s.Reason)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<CaseResult>> GetResultsAsync(string evaluationId, int skip = 0, int take = 500, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var cases = await db.EvaluationCases.AsNoTracking().Where(c => c.EvaluationId == evaluationId)
            .OrderBy(c => c.Ordinal).ThenBy(c => c.Repeat).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 5_000)).ToListAsync(ct);
        if (cases.Count == 0) return [];
        int first = cases[0].Ordinal, last = cases[^1].Ordinal;
        var scores = await db.EvaluationScores.AsNoTracking()
            .Where(s => s.EvaluationId == evaluationId && s.Ordinal >= first && s.Ordinal <= last).ToListAsync(ct);
        return WithScores(cases, scores);
    }

    public async Task<IReadOnlyList<CaseOutput>> GetCaseOutputsAsync(string evaluationId, string caseId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        return await db.EvaluationCases.AsNoTracking().Where(c => c.EvaluationId == evaluationId && c.CaseId == caseId)
            .OrderBy(c => c.Repeat).Select(c => new CaseOutput(c.Repeat, c.RunId, c.Error, c.OutputsJson)).ToListAsync(ct);
    }

    private static CaseResult[] WithScores(IEnumerable<EvaluationCaseRow> cases, IEnumerable<EvaluationScoreRow> scores)
    {
        var byCase = scores.ToLookup(s => (s.Ordinal, s.Repeat));
        return [.. cases.Select(c => new CaseResult(c.EvaluationId, c.Ordinal, c.Repeat, c.CaseId, c.RunId, c.Passed, c.Error,
            TimeSpan.FromMilliseconds(c.LatencyMs), c.InputTokens, c.OutputTokens, c.Cost, c.OutputsJson,
            [.. byCase[(c.Ordinal, c.Repeat)].OrderBy(s => s.Scorer, StringComparer.Ordinal).Select(s => new ScoreResult(s.Scorer, s.Value, s.Passed, s.Reason))]))];
    }

    private static EvaluationRecord ToRecord(EvaluationRow r) => new(
        r.Id, r.WorkflowId, r.VersionNumber, r.DatasetId, r.DatasetVersion, r.ModelOverride, r.Repeats, r.SpecJson,
        r.Status, r.CreatedAt, r.EndedAt, r.StartedBy) { ExperimentId = r.ExperimentId, Variant = r.Variant };
}
