using Microsoft.EntityFrameworkCore;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Audit;

/// <summary>The audit log in the security tables of the studio's SQLite file (<see cref="Identity.StudioIdentityDbContext"/>).</summary>
public sealed class AuditStore(StudioDatabase database, TimeProvider time) : IAuditStore
{
    public const int ActorLength = 256;
    public const int ActionLength = 64;
    public const int TargetLength = 400;
    public const int DetailLength = 2_000;
    public const int MaxPage = 1_000;

    public async Task<AuditEntry> AppendAsync(NewAuditEntry entry, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Action);
        await using var db = await database.OpenSecurityAsync(ct);
        var row = new AuditRow
        {
            At = time.GetUtcNow(),
            // A name typed at the sign-in form is recorded as typed, so a very long one is cut, never refused.
            Actor = Cut(string.IsNullOrWhiteSpace(entry.Actor) ? "(none)" : entry.Actor, ActorLength)!,
            Action = Cut(entry.Action, ActionLength)!,
            Target = Cut(entry.Target, TargetLength),
            Detail = Cut(entry.Detail, DetailLength),
        };
        db.AuditEntries.Add(row);
        await db.SaveChangesAsync(ct);
        return ToEntry(row);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, long? before = null, CancellationToken ct = default)
    {
        await using var db = await database.OpenSecurityAsync(ct);
        var rows = db.AuditEntries.AsNoTracking();
        if (before is { } id) rows = rows.Where(r => r.Id < id);
        var page = await rows.OrderByDescending(r => r.Id).Take(Math.Clamp(limit, 1, MaxPage)).ToListAsync(ct);
        return page.Select(ToEntry).ToList();
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LatestByActorAsync(string action, CancellationToken ct = default)
    {
        await using var db = await database.OpenSecurityAsync(ct);
        // Rows are only appended, so the highest id is the latest; the times are read for those rows only.
        var latest = db.AuditEntries.Where(r => r.Action == action).GroupBy(r => r.Actor).Select(g => g.Max(r => r.Id));
        var rows = await db.AuditEntries.AsNoTracking().Where(r => latest.Contains(r.Id)).ToListAsync(ct);
        return rows.ToDictionary(r => r.Actor, r => r.At, StringComparer.Ordinal);
    }

    private static string? Cut(string? text, int length) =>
        text is null || text.Length <= length ? text : text[..(length - 1)] + "…";

    private static AuditEntry ToEntry(AuditRow r) => new(r.Id, r.At, r.Actor, r.Action, r.Target, r.Detail);
}
