using Microsoft.EntityFrameworkCore;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Monitoring;

public sealed class ModelCallStore(StudioDatabase database) : IModelCallStore
{
    public const int MaxPage = 500;

    public const int BackfillChunk = 2_000;

    public async Task AppendAsync(IReadOnlyList<ModelCallRecord> calls, CancellationToken ct = default)
    {
        if (calls.Count == 0) return;
        await using var db = await database.OpenAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // One write transaction from the first read, so the run marks and the rollups see every call stored before these.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rows = calls.Select(ToRow).ToList();
        await ModelCallRollups.MarkRunsAsync(db, rows, long.MaxValue, ct);
        db.ModelCalls.AddRange(rows);
        await ModelCallRollups.AddAsync(db, rows, ct);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<int> BackfillRollupsAsync(CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            await using var db = await database.OpenAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var chunk = await NotRolledUp(db).OrderBy(c => c.Id).Take(BackfillChunk).ToListAsync(ct);
            if (chunk.Count == 0) return total;
            await ModelCallRollups.MarkRunsAsync(db, chunk, chunk[0].Id, ct);
            await ModelCallRollups.AddAsync(db, chunk, ct);
            foreach (var call in chunk) call.RolledUp = true;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            total += chunk.Count;
        }
    }

    public async Task<IReadOnlyList<CallSlice>> LoadSlicesAsync(MonitoringFilter filter, SliceGrain grain, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        // Rollups only while every call is in them, and only for questions they can answer (not one run's calls).
        var widths = filter.RunId is null && !await AnyNotRolledUpAsync(db, ct) ? grain.RollupWidths : [];
        var slices = new List<CallSlice>();
        foreach (var (width, from, to) in RollupBuckets.Cover(filter.From.ToUnixTimeMilliseconds(), filter.To.ToUnixTimeMilliseconds(), widths))
            slices.AddRange(width == 0 ? await RawSlicesAsync(db, filter, from, to, ct) : await ModelCallRollups.SlicesAsync(db, filter, width, from, to, ct));
        return slices;
    }

    public async Task<CallPage> ListAsync(MonitoringFilter filter, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var query = Matching(db, filter);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.AtMs).ThenByDescending(c => c.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPage)).ToListAsync(ct);
        return new CallPage(rows.Select(ToRecord).ToList(), total);
    }

    public async Task<ModelCallRecord?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await db.ModelCalls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return row is null ? null : ToRecord(row);
    }

    // Every call is in a daily rollup once rolled up, and the daily rows are far fewer than the calls. The calls not
    // rolled up yet (stored before rollups existed, until the backfill takes them) are read raw, and only when there
    // are any: SQLite would answer "distinct workflows of those" by walking every call in the workflow index.
    public async Task<MonitoringChoices> ChoicesAsync(string? workflowId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var days = db.Set<ModelCallRollupRow>().AsNoTracking().Where(r => r.WidthMs == RollupBuckets.DayMs);
        var raw = await AnyNotRolledUpAsync(db, ct)
            ? NotRolledUp(db).AsNoTracking()
            : db.ModelCalls.AsNoTracking().Where(_ => false);
        var workflows = Union(await days.Where(r => r.WorkflowId != "").Select(r => r.WorkflowId).Distinct().ToListAsync(ct),
            await raw.Where(c => c.WorkflowId != null).Select(c => c.WorkflowId!).Distinct().ToListAsync(ct));
        var (daysOf, rawOf) = workflowId is null ? (days, raw) : (days.Where(r => r.WorkflowId == workflowId), raw.Where(c => c.WorkflowId == workflowId));
        var versions = (await daysOf.Where(r => r.Version != 0).Select(r => r.Version).Distinct().ToListAsync(ct))
            .Union(await rawOf.Where(c => c.Version != null).Select(c => c.Version!.Value).Distinct().ToListAsync(ct)).Order().ToList();
        var tags = Union(await daysOf.Where(r => r.Tag != "").Select(r => r.Tag).Distinct().ToListAsync(ct),
            await rawOf.Where(c => c.Tag != null).Select(c => c.Tag!).Distinct().ToListAsync(ct));
        var models = Union(await daysOf.Select(r => r.Model).Distinct().ToListAsync(ct), await rawOf.Select(c => c.Model).Distinct().ToListAsync(ct));
        return new MonitoringChoices(workflows, versions, tags, models);
    }

    private static List<string> Union(List<string> rolledUp, List<string> raw) => rolledUp.Union(raw, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public async Task<bool> GetRecordTextAsync(string workflowId, string tag, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        return await db.TagSettings.AsNoTracking().AnyAsync(t => t.WorkflowId == workflowId && t.Tag == tag && t.RecordText, ct);
    }

    public async Task SetRecordTextAsync(string workflowId, string tag, bool recordText, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await db.TagSettings.FirstOrDefaultAsync(t => t.WorkflowId == workflowId && t.Tag == tag, ct);
        if (row is null) db.TagSettings.Add(new TagSettingsRow { WorkflowId = workflowId, Tag = tag, RecordText = recordText });
        else row.RecordText = recordText;
        await db.SaveChangesAsync(ct);
    }

    public async Task<TagResilience> GetResilienceAsync(string workflowId, string tag, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        return await db.TagSettings.AsNoTracking().Where(t => t.WorkflowId == workflowId && t.Tag == tag)
            .Select(t => new TagResilience(t.Retries, t.RetryDelayMs, t.TimeoutSeconds, t.FallbackModel, t.CacheResponses))
            .FirstOrDefaultAsync(ct) ?? TagResilience.Default;
    }

    public async Task SetResilienceAsync(string workflowId, string tag, TagResilience resilience, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await db.TagSettings.FirstOrDefaultAsync(t => t.WorkflowId == workflowId && t.Tag == tag, ct);
        if (row is null) db.TagSettings.Add(row = new TagSettingsRow { WorkflowId = workflowId, Tag = tag });
        (row.Retries, row.RetryDelayMs, row.TimeoutSeconds, row.FallbackModel, row.CacheResponses) =
            (resilience.Retries, resilience.RetryDelayMs, resilience.TimeoutSeconds, resilience.FallbackModel, resilience.CacheResponses);
        await db.SaveChangesAsync(ct);
    }

    private static Task<bool> AnyNotRolledUpAsync(StudioDbContext db, CancellationToken ct) => NotRolledUp(db).AnyAsync(ct);

    // The calls the rollups do not hold yet, written as the partial index's own filter (IX_ModelCalls_NotRolledUp) so
    // SQLite reads them from it; EF's translation of `!c.RolledUp` is another expression, which the index does not serve.
    private static IQueryable<ModelCallRow> NotRolledUp(StudioDbContext db) => db.ModelCalls.FromSql($"SELECT * FROM ModelCalls WHERE RolledUp = 0");

    private static async Task<List<CallSlice>> RawSlicesAsync(StudioDbContext db, MonitoringFilter filter, long fromMs, long toMs, CancellationToken ct)
    {
        var mark = RunMarking.For(filter);
        var part = filter with { From = DateTimeOffset.FromUnixTimeMilliseconds(fromMs), To = DateTimeOffset.FromUnixTimeMilliseconds(toMs) };
        var calls = await Matching(db, part).OrderBy(c => c.AtMs).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.AtMs, c.WorkflowId, c.StepId, c.RunId, c.ErrorCode, c.Error, c.CacheHit, c.RunMarks, c.RolledUp, c.InputTokens, c.OutputTokens, c.Cost, c.LatencyMs })
            .ToListAsync(ct);
        var unmarked = calls.Where(c => !c.RolledUp && c.RunId is not null).Select(c => (c.Id, c.RunId!)).ToList();
        var marks = unmarked.Count == 0 ? [] : await ModelCallRollups.MarksOfAsync(db, unmarked, ct);
        return calls.Select(c => new CallSlice(c.AtMs, c.WorkflowId, c.StepId, c.ErrorCode, c.ErrorCode is null ? null : c.Error, 1,
            c.ErrorCode is null ? 0 : 1, c.CacheHit ? 1 : 0, ((c.RolledUp ? c.RunMarks : marks.GetValueOrDefault(c.Id)) & mark) != 0 ? 1 : 0,
            c.InputTokens, c.OutputTokens, (decimal)c.Cost, c.LatencyMs, c.AtMs, null)).ToList();
    }

    private static IQueryable<ModelCallRow> Matching(StudioDbContext db, MonitoringFilter filter)
    {
        var (from, to) = (filter.From.ToUnixTimeMilliseconds(), filter.To.ToUnixTimeMilliseconds());
        var query = db.ModelCalls.AsNoTracking().Where(c => c.AtMs >= from && c.AtMs < to);
        if (filter.WorkflowId is { } workflow) query = query.Where(c => c.WorkflowId == workflow);
        if (filter.Version is { } version) query = query.Where(c => c.Version == version);
        if (filter.Tag is { } tag) query = query.Where(c => c.Tag == tag);
        if (filter.Model is { } model) query = query.Where(c => c.Model == model);
        if (filter.StepId is { } step) query = query.Where(c => c.StepId == step);
        if (filter.RunId is { } run) query = query.Where(c => c.RunId == run);
        if (filter.FailedOnly) query = query.Where(c => c.ErrorCode != null);
        return query;
    }

    private static ModelCallRow ToRow(ModelCallRecord c) => new()
    {
        AtMs = c.At.ToUnixTimeMilliseconds(), WorkflowId = c.WorkflowId, Version = c.Version, Tag = c.Tag, RunId = c.RunId,
        StepId = c.StepId, Iteration = c.Iteration, Model = c.Model, Purpose = c.Purpose, InputTokens = c.InputTokens,
        OutputTokens = c.OutputTokens, Cost = (double)c.Cost, LatencyMs = c.Latency.TotalMilliseconds,
        FirstTokenMs = c.TimeToFirstToken?.TotalMilliseconds, CacheHit = c.CacheHit, Attempts = c.Attempts, FallbackFrom = c.FallbackFrom,
        ErrorCode = c.ErrorCode, Error = Clip(c.Error), Prompt = c.Prompt, Answer = c.Answer, RolledUp = true,
    };

    private static ModelCallRecord ToRecord(ModelCallRow r) => new(r.Id, DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs), r.WorkflowId,
        r.Version, r.Tag, r.RunId, r.StepId, r.Iteration, r.Model, r.Purpose, r.InputTokens, r.OutputTokens, (decimal)r.Cost,
        TimeSpan.FromMilliseconds(r.LatencyMs), r.FirstTokenMs is { } first ? TimeSpan.FromMilliseconds(first) : null,
        r.CacheHit, r.Attempts, r.ErrorCode, r.Error, r.Prompt, r.Answer) { FallbackFrom = r.FallbackFrom };

    private static string? Clip(string? text) => text is { Length: > StoreLimits.MessageLength } ? text[..StoreLimits.MessageLength] : text;
}
