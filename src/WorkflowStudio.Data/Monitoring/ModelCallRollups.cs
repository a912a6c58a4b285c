using Microsoft.EntityFrameworkCore;

namespace WorkflowStudio.Data.Monitoring;

/// <summary>
/// Keeps <see cref="ModelCallRollupRow"/>s in step with the raw calls: the caller adds the calls to the same context and
/// saves both in one transaction (the writer for new calls, the backfill for calls stored before rollups existed).
/// </summary>
internal static class ModelCallRollups
{
    private readonly record struct Key(long WidthMs, long StartMs, string WorkflowId, int Version, string Tag, string StepId, string Model, string ErrorCode);

    /// <summary>Sets the <see cref="RunMarks"/> of <paramref name="calls"/> (in id order) against the stored calls of their runs with a smaller id.</summary>
    public static async Task MarkRunsAsync(StudioDbContext db, IReadOnlyList<ModelCallRow> calls, long beforeId, CancellationToken ct)
    {
        var runs = calls.Where(c => c.RunId is not null).Select(c => c.RunId!).Distinct().ToList();
        var earlier = runs.Count == 0 ? [] : await db.ModelCalls.AsNoTracking()
            .Where(c => c.Id < beforeId && runs.Contains(c.RunId!))
            .Select(c => new { c.RunId, c.StepId, c.Model }).ToListAsync(ct);
        var marker = new RunMarker();
        foreach (var call in earlier) marker.Next(call.RunId, call.StepId, call.Model);
        foreach (var call in calls) call.RunMarks = marker.Next(call.RunId, call.StepId, call.Model);
    }

    /// <summary>
    /// The marks of calls the backfill has not reached yet (stored unmarked before rollups existed), worked out from the
    /// whole history of their runs, so raw figures count runs right meanwhile.
    /// </summary>
    public static async Task<Dictionary<long, RunMarks>> MarksOfAsync(StudioDbContext db, IReadOnlyCollection<(long Id, string RunId)> calls, CancellationToken ct)
    {
        var runs = calls.Select(c => c.RunId).Distinct().ToList();
        var last = calls.Max(c => c.Id);
        var history = await db.ModelCalls.AsNoTracking().Where(c => c.Id <= last && runs.Contains(c.RunId!)).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.RunId, c.StepId, c.Model }).ToListAsync(ct);
        var marker = new RunMarker();
        return history.ToDictionary(c => c.Id, c => marker.Next(c.RunId, c.StepId, c.Model));
    }

    /// <summary>Adds <paramref name="calls"/> (marked, in id order) to the rollups of every width, tracked in <paramref name="db"/> for its next save.</summary>
    public static async Task AddAsync(StudioDbContext db, IReadOnlyList<ModelCallRow> calls, CancellationToken ct)
    {
        var rollups = db.Set<ModelCallRollupRow>();
        var rows = new Dictionary<Key, ModelCallRollupRow>();
        foreach (var width in RollupBuckets.Widths)
        {
            var starts = calls.Select(c => RollupBuckets.Start(c.AtMs, width)).Distinct().ToList();
            foreach (var row in await rollups.Where(r => r.WidthMs == width && starts.Contains(r.StartMs)).ToListAsync(ct)) rows.Add(KeyOf(row), row);
        }
        var histograms = new Dictionary<ModelCallRollupRow, LatencyHistogram>(ReferenceEqualityComparer.Instance);
        foreach (var call in calls)
        {
            foreach (var width in RollupBuckets.Widths)
            {
                var key = KeyOf(call, width);
                if (!rows.TryGetValue(key, out var row))
                {
                    rows[key] = row = new ModelCallRollupRow
                    {
                        WidthMs = key.WidthMs, StartMs = key.StartMs, WorkflowId = key.WorkflowId, Version = key.Version, Tag = key.Tag,
                        StepId = key.StepId, Model = key.Model, ErrorCode = key.ErrorCode,
                    };
                    rollups.Add(row);
                }
                if (!histograms.TryGetValue(row, out var latencies)) histograms[row] = latencies = LatencyHistogram.FromBytes(row.Latencies);
                Fold(row, latencies, call);
            }
        }
        foreach (var (row, latencies) in histograms) row.Latencies = latencies.ToBytes();
    }

    /// <summary>The rollups of one width in [fromMs, toMs) that the filter matches, as slices; null values come back as null.</summary>
    public static async Task<List<CallSlice>> SlicesAsync(StudioDbContext db, MonitoringFilter filter, long widthMs, long fromMs, long toMs, CancellationToken ct)
    {
        var query = db.Set<ModelCallRollupRow>().AsNoTracking().Where(r => r.WidthMs == widthMs && r.StartMs >= fromMs && r.StartMs < toMs);
        if (filter.WorkflowId is { } workflow) query = query.Where(r => r.WorkflowId == workflow);
        if (filter.Version is { } version) query = query.Where(r => r.Version == version);
        if (filter.Tag is { } tag) query = query.Where(r => r.Tag == tag);
        if (filter.Model is { } model) query = query.Where(r => r.Model == model);
        if (filter.StepId is { } step) query = query.Where(r => r.StepId == step);
        if (filter.FailedOnly) query = query.Where(r => r.ErrorCode != "");
        var rows = await query.ToListAsync(ct);
        var mark = RunMarking.For(filter);
        return rows.Select(r => new CallSlice(r.StartMs, Null(r.WorkflowId), Null(r.StepId), Null(r.ErrorCode), r.LastError, r.Calls, r.FailedCalls,
            r.CacheHits, RunsOf(r, mark), r.InputTokens, r.OutputTokens, r.Cost, r.MaxLatencyMs, r.LastAtMs, LatencyHistogram.FromBytes(r.Latencies))).ToList();
    }

    private static void Fold(ModelCallRollupRow row, LatencyHistogram latencies, ModelCallRow call)
    {
        row.Calls++;
        if (call.ErrorCode is not null) row.FailedCalls++;
        if (call.CacheHit) row.CacheHits++;
        if (call.RunMarks.HasFlag(RunMarks.Run)) row.Runs++;
        if (call.RunMarks.HasFlag(RunMarks.Step)) row.StepRuns++;
        if (call.RunMarks.HasFlag(RunMarks.Model)) row.ModelRuns++;
        if (call.RunMarks.HasFlag(RunMarks.StepModel)) row.StepModelRuns++;
        row.InputTokens += call.InputTokens;
        row.OutputTokens += call.OutputTokens;
        row.Cost += (decimal)call.Cost;
        row.MaxLatencyMs = Math.Max(row.MaxLatencyMs, call.LatencyMs);
        // Ties go to the later-stored call, as when raw calls are read in (time, id) order.
        if (call.AtMs >= row.LastAtMs)
        {
            row.LastAtMs = call.AtMs;
            if (call.ErrorCode is not null) row.LastError = call.Error;
        }
        latencies.Add(call.LatencyMs);
    }

    private static int RunsOf(ModelCallRollupRow row, RunMarks mark) => mark switch
    {
        RunMarks.Step => row.StepRuns,
        RunMarks.Model => row.ModelRuns,
        RunMarks.StepModel => row.StepModelRuns,
        _ => row.Runs,
    };

    private static Key KeyOf(ModelCallRow c, long width) =>
        new(width, RollupBuckets.Start(c.AtMs, width), c.WorkflowId ?? "", c.Version ?? 0, c.Tag ?? "", c.StepId ?? "", c.Model, c.ErrorCode ?? "");

    private static Key KeyOf(ModelCallRollupRow r) => new(r.WidthMs, r.StartMs, r.WorkflowId, r.Version, r.Tag, r.StepId, r.Model, r.ErrorCode);

    private static string? Null(string value) => value.Length == 0 ? null : value;
}
