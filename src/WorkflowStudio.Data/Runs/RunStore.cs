using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Entities;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Runs;

public sealed class RunStore(StudioDatabase database) : IRunStore
{
    private const int ConstraintViolation = 19; // SQLITE_CONSTRAINT
    private const int ForeignKeyViolation = 787; // SQLITE_CONSTRAINT_FOREIGNKEY

    public async Task<RunRecord> CreateRunAsync(NewRun run, CancellationToken ct = default)
    {
        Check(run);
        await using var db = await database.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var versionId = run.VersionId ?? await FindVersionIdAsync(db, run.WorkflowId, run.VersionNumber, ct);
        if (await db.Runs.AnyAsync(r => r.Id == run.RunId, ct))
            throw new StoreException($"A run with the id '{run.RunId}' already exists.", StoreErrorKind.Conflict);
        var row = NewRow(run, versionId);
        try
        {
            using var writes = new RunWrites(db, tx);
            writes.Insert(run, row);
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == ForeignKeyViolation)
        {
            // Only a version id handed over by the caller can miss: one looked up above was there in this transaction.
            throw NoVersion(run.WorkflowId, run.VersionNumber);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == ConstraintViolation && run.Deployment?.IdempotencyKey is { } key)
        {
            throw new StoreException($"The idempotency key '{key}' is already used by another run.", StoreErrorKind.Conflict);
        }
        await tx.CommitAsync(ct);
        return ToRecord(row);
    }

    public Task AppendEventsAsync(IReadOnlyList<RunEvent> events, CancellationToken ct = default) => AppendAsync([], events, ct);

    /// <summary>
    /// Prepared statements rather than tracked entities: the sink calls this for every batch, hundreds a second, and
    /// a context's change tracking cost more than the writes (and most of the garbage) on the run path.
    /// </summary>
    public async Task AppendAsync(IReadOnlyList<NewRun> created, IReadOnlyList<RunEvent> events, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(created);
        ArgumentNullException.ThrowIfNull(events);
        if (created.Count == 0 && events.Count == 0) return;
        foreach (var run in created) Check(run);
        await using var db = await database.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        using var writes = new RunWrites(db, tx);
        var versionIds = new Dictionary<(string, int), long>();
        foreach (var run in created)
        {
            // The coordinator hands over the version's row id; a wrong one fails the insert on its foreign key.
            var version = (run.WorkflowId, run.VersionNumber);
            var versionId = run.VersionId ?? (versionIds.TryGetValue(version, out var found)
                ? found
                : versionIds[version] = await FindVersionIdAsync(db, run.WorkflowId, run.VersionNumber, ct));
            writes.Insert(run, NewRow(run, versionId));
        }

        if (events.Count > 0)
        {
            var summaries = new Dictionary<string, RunSummary>(StringComparer.Ordinal);
            var stored = new string[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                (var bounded, stored[i]) = RunEventJson.Bounded(events[i]);
                if (!summaries.TryGetValue(bounded.RunId, out var summary)) summaries[bounded.RunId] = summary = new RunSummary();
                summary.Add(bounded);
            }
            // Summaries first: a run that was never created changes no row, and the batch fails with that sentence
            // rather than with the events' foreign key.
            var unknown = summaries.Where(s => !writes.Summarise(s.Key, s.Value)).Select(s => s.Key).ToList();
            if (unknown.Count > 0)
                throw new StoreException($"Events name runs that were never created: {string.Join(", ", unknown)}.", StoreErrorKind.NotFound);
            for (var i = 0; i < events.Count; i++) writes.InsertEvent(events[i], stored[i]);
        }
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<RunEvent>> GetEventsAsync(string runId, long afterSequence = 0, int max = 10_000, CancellationToken ct = default)
    {
        if (max < 1) throw new StoreException("Ask for at least one event.");
        await using var db = await database.OpenAsync(ct);
        var payloads = await db.RunEvents.AsNoTracking()
            .Where(e => e.RunId == runId && e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence).Take(max).Select(e => e.Payload).ToListAsync(ct);
        return [.. payloads.Select(RunEventJson.Deserialize)];
    }

    public async Task<RunRecord?> GetRunAsync(string runId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct);
        return row is null ? null : ToRecord(row);
    }

    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(string workflowId, int take = 50, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var rows = await db.Runs.AsNoTracking().Where(r => r.WorkflowId == workflowId)
            .OrderByDescending(r => r.StartedAt).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
        return [.. rows.Select(ToRecord)];
    }

    public async Task<RunPage> QueryRunsAsync(RunQuery query, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var runs = db.Runs.AsNoTracking();
        if (query.WorkflowId is { } workflowId) runs = runs.Where(r => r.WorkflowId == workflowId);
        if (query.Status is { } status) runs = runs.Where(r => r.Status == status);
        if (query.Version is { } version) runs = runs.Where(r => r.VersionNumber == version);
        var total = await runs.CountAsync(ct);
        var rows = await runs.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 1000)).ToListAsync(ct);
        return new RunPage([.. rows.Select(ToRecord)], total);
    }

    private static void Check(NewRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (string.IsNullOrWhiteSpace(run.RunId) || run.RunId.Length > StoreLimits.IdLength)
            throw new StoreException($"A run id must be 1 to {StoreLimits.IdLength} characters.");
        if (string.IsNullOrWhiteSpace(run.StartedBy))
            throw new StoreException("A run needs to say who started it.");
    }

    private static async Task<long> FindVersionIdAsync(StudioDbContext db, string workflowId, int number, CancellationToken ct) =>
        await db.Versions.Where(v => v.WorkflowId == workflowId && v.Number == number).Select(v => (long?)v.Id).FirstOrDefaultAsync(ct)
        ?? throw NoVersion(workflowId, number);

    private static StoreException NoVersion(string workflowId, int number) =>
        new($"Workflow '{workflowId}' has no saved version {number} to run.", StoreErrorKind.NotFound);

    private static RunRow NewRow(NewRun run, long versionId) => new()
    {
        Id = run.RunId,
        WorkflowId = run.WorkflowId,
        VersionId = versionId,
        VersionNumber = run.VersionNumber,
        Status = RunStatus.Running,
        StartedAt = run.StartedAt,
        StartedBy = run.StartedBy.Trim(),
        InputsJson = JsonSerializer.Serialize(run.Inputs, RunEventJson.Options),
    };

    private static RunRecord ToRecord(RunRow r) => new(
        r.Id, r.WorkflowId, r.VersionNumber, r.Status, r.StartedAt, r.EndedAt,
        r.DurationMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        r.InputTokens, r.OutputTokens, r.Cost, r.StartedBy,
        JsonSerializer.Deserialize<Dictionary<string, string>>(r.InputsJson, RunEventJson.Options) ?? [],
        r.OutputsJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(r.OutputsJson, RunEventJson.Options),
        r.Error, r.LastSequence);
}
