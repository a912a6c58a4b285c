namespace WorkflowStudio.Data.Audit;

/// <summary>The audit log: append-only, read newest first.</summary>
public interface IAuditStore
{
    Task<AuditEntry> AppendAsync(NewAuditEntry entry, CancellationToken ct = default);

    /// <summary>The newest <paramref name="limit"/> entries, newest first; with <paramref name="before"/>, only older ids (the next page).</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, long? before = null, CancellationToken ct = default);

    /// <summary>When each actor last did <paramref name="action"/> (say, signed in), by actor.</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> LatestByActorAsync(string action, CancellationToken ct = default);
}
