using Microsoft.EntityFrameworkCore;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Monitoring;

public sealed class FeedbackStore(StudioDatabase database) : IFeedbackStore
{
    public const int MaxTextLength = 20_000;

    public async Task<FeedbackRecord> AddAsync(NewFeedback feedback, CancellationToken ct = default)
    {
        if (feedback.Score is < 0 or > 1 || double.IsNaN(feedback.Score)) throw new StoreException("A feedback score must be between 0 and 1.");
        if (feedback.Label is { Length: > StoreLimits.NameLength }) throw new StoreException($"A feedback label must be at most {StoreLimits.NameLength} characters.");
        if (feedback.Comment is { Length: > MaxTextLength } || feedback.Correction is { Length: > MaxTextLength })
            throw new StoreException($"A comment or correction must be at most {MaxTextLength:N0} characters.");
        await using var db = await database.OpenAsync(ct);
        var row = new FeedbackRow
        {
            RunId = feedback.RunId, WorkflowId = feedback.WorkflowId, Version = feedback.Version, Tag = feedback.Tag,
            AtMs = feedback.At.ToUnixTimeMilliseconds(), Score = feedback.Score, ThumbsUp = feedback.ThumbsUp,
            Label = Blank(feedback.Label), Comment = Blank(feedback.Comment), Correction = Blank(feedback.Correction), By = feedback.By,
        };
        db.Feedback.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new StoreException($"There is no run '{feedback.RunId}'.", StoreErrorKind.NotFound);
        }
        return ToRecord(row);
    }

    public async Task<IReadOnlyList<FeedbackRecord>> ListAsync(MonitoringFilter filter, int take, CancellationToken ct = default)
    {
        var (from, to) = (filter.From.ToUnixTimeMilliseconds(), filter.To.ToUnixTimeMilliseconds());
        await using var db = await database.OpenAsync(ct);
        var query = db.Feedback.AsNoTracking().Where(f => f.AtMs >= from && f.AtMs < to);
        if (filter.WorkflowId is { } workflow) query = query.Where(f => f.WorkflowId == workflow);
        if (filter.Version is { } version) query = query.Where(f => f.Version == version);
        if (filter.Tag is { } tag) query = query.Where(f => f.Tag == tag);
        if (filter.RunId is { } run) query = query.Where(f => f.RunId == run);
        var rows = await query.OrderByDescending(f => f.AtMs).ThenByDescending(f => f.Id).Take(Math.Clamp(take, 1, 100_000)).ToListAsync(ct);
        return rows.Select(ToRecord).ToList();
    }

    public async Task<IReadOnlyList<FeedbackRecord>> OfRunsAsync(IReadOnlyCollection<string> runIds, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var rows = await db.Feedback.AsNoTracking().Where(f => runIds.Contains(f.RunId)).OrderBy(f => f.AtMs).ToListAsync(ct);
        return rows.Select(ToRecord).ToList();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static FeedbackRecord ToRecord(FeedbackRow r) => new(r.Id, r.RunId, r.WorkflowId, r.Version, r.Tag,
        DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs), r.Score, r.ThumbsUp, r.Label, r.Comment, r.Correction, r.By);
}
