using Microsoft.EntityFrameworkCore;
using WorkflowStudio.Data.Entities;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Evaluations;

public sealed class OnlineEvaluationStore(StudioDatabase database, TimeProvider time) : IOnlineEvaluationStore
{
    public async Task<IReadOnlyList<OnlineScorerSettings>> ListSettingsAsync(CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var rows = await db.OnlineScorerSettings.AsNoTracking().ToListAsync(ct);
        return [.. rows.Select(r => new OnlineScorerSettings(r.WorkflowId, r.Tag, r.ScorersJson, r.SampleRate, r.UpdatedAt))];
    }

    public async Task SetSettingsAsync(string workflowId, string tag, string? scorersJson, double sampleRate, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await db.OnlineScorerSettings.FirstOrDefaultAsync(s => s.WorkflowId == workflowId && s.Tag == tag, ct);
        if (scorersJson is null)
        {
            if (row is not null) db.OnlineScorerSettings.Remove(row);
        }
        else if (row is null)
            db.OnlineScorerSettings.Add(new OnlineScorerSettingsRow { WorkflowId = workflowId, Tag = tag, ScorersJson = scorersJson, SampleRate = sampleRate, UpdatedAt = time.GetUtcNow() });
        else (row.ScorersJson, row.SampleRate, row.UpdatedAt) = (scorersJson, sampleRate, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public async Task AppendScoresAsync(IReadOnlyList<OnlineScore> scores, CancellationToken ct = default)
    {
        if (scores.Count == 0) return;
        await using var db = await database.OpenAsync(ct);
        db.OnlineScores.AddRange(scores.Select(s => new OnlineScoreRow
        {
            RunId = s.RunId, WorkflowId = s.WorkflowId, Version = s.Version, Tag = s.Tag, Scorer = s.Scorer,
            Value = s.Value is { } v && double.IsFinite(v) ? v : null, Passed = s.Passed, Reason = s.Reason, ScoredAt = s.ScoredAt,
        }));
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<OnlineScore>> ListScoresAsync(DateTimeOffset from, DateTimeOffset to, string? workflowId = null, string? tag = null, int take = 100_000,
        CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var query = db.OnlineScores.AsNoTracking().Where(s => s.ScoredAt >= from && s.ScoredAt < to);
        if (workflowId is not null) query = query.Where(s => s.WorkflowId == workflowId);
        if (tag is not null) query = query.Where(s => s.Tag == tag);
        var rows = await query.OrderBy(s => s.ScoredAt).ThenBy(s => s.Id).Take(Math.Clamp(take, 1, 1_000_000)).ToListAsync(ct);
        return [.. rows.Select(r => new OnlineScore(r.RunId, r.WorkflowId, r.Version, r.Tag, r.Scorer, r.Value, r.Passed, r.Reason, r.ScoredAt))];
    }
}
