using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WorkflowStudio.Data.Entities;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Deployments;

public sealed class DeploymentStore(StudioDatabase database, TimeProvider time) : IDeploymentStore
{
    private const char WorkflowSeparator = ',';

    public async Task<ApiKeyRecord> CreateKeyAsync(NewApiKey key, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(key.Name) || key.Name.Length > StoreLimits.NameLength)
            throw new StoreException($"A key name must be 1 to {StoreLimits.NameLength} characters.");
        if (key.Workflows.Count == 0) throw new StoreException("Say which workflows the key may call ('*' for all).");
        await using var db = await database.OpenAsync(ct);
        var row = new ApiKeyRow
        {
            Id = key.Id, Name = key.Name.Trim(), Hash = key.Hash, Prefix = key.Prefix, Scope = key.Scope,
            Workflows = string.Join(WorkflowSeparator, key.Workflows), CreatedAt = time.GetUtcNow(), CreatedBy = key.CreatedBy,
        };
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(ct);
        return ToRecord(row);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var rows = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        return rows.Select(ToRecord).ToList();
    }

    public async Task<bool> RevokeKeyAsync(string keyId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var now = time.GetUtcNow();
        return await db.ApiKeys.Where(k => k.Id == keyId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct) > 0;
    }

    public async Task<ApiKeyRecord?> FindKeyByHashAsync(string hash, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash, ct);
        return row is null ? null : ToRecord(row);
    }

    public async Task SetKeyLastUsedAsync(string keyId, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        await db.ApiKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, at), ct);
    }

    /// <summary>
    /// Every deployment call asks this, so it is one prepared statement rather than a LINQ query (whose expression
    /// tree was built, hashed and looked up in the query cache on every call).
    /// </summary>
    public async Task<TagTarget?> ResolveTagAsync(string workflowId, string tag, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var query = db.Database.GetDbConnection().CreateCommand();
        query.CommandText = """
            SELECT v."Id", v."Number", s."WorkflowId" IS NOT NULL, s."Retries", s."RetryDelayMs", s."TimeoutSeconds", s."FallbackModel", s."CacheResponses"
            FROM "Tags" AS t
            JOIN "Versions" AS v ON v."Id" = t."VersionId"
            LEFT JOIN "TagSettings" AS s ON s."WorkflowId" = t."WorkflowId" AND s."Tag" = t."Name"
            WHERE t."WorkflowId" = $workflow AND t."Name" = $tag
            """;
        query.Parameters.Add(new SqliteParameter("$workflow", workflowId));
        query.Parameters.Add(new SqliteParameter("$tag", tag));
        await using var row = await query.ExecuteReaderAsync(ct);
        if (!await row.ReadAsync(ct)) return null;
        var resilience = row.GetBoolean(2)
            ? new TagResilience(row.GetInt32(3), row.GetInt32(4), row.IsDBNull(5) ? null : row.GetDouble(5), row.IsDBNull(6) ? null : row.GetString(6), row.GetBoolean(7))
            : TagResilience.Default;
        return new TagTarget(row.GetInt64(0), row.GetInt32(1), resilience);
    }

    public async Task<DeploymentRun?> FindRunAsync(string apiKeyId, string idempotencyKey, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await db.DeploymentRuns.AsNoTracking().FirstOrDefaultAsync(r => r.ApiKeyId == apiKeyId && r.IdempotencyKey == idempotencyKey, ct);
        return row is null ? null : ToRecord(row);
    }

    public async Task<DeploymentRun?> GetRunAsync(string runId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await db.DeploymentRuns.AsNoTracking().FirstOrDefaultAsync(r => r.RunId == runId, ct);
        return row is null ? null : ToRecord(row);
    }

    private static ApiKeyRecord ToRecord(ApiKeyRow r) => new(r.Id, r.Name, r.Prefix, r.Scope,
        r.Workflows.Split(WorkflowSeparator, StringSplitOptions.RemoveEmptyEntries), r.CreatedAt, r.CreatedBy, r.LastUsedAt, r.RevokedAt);

    private static DeploymentRun ToRecord(DeploymentRunRow r) => new(r.RunId, r.ApiKeyId, r.WorkflowId, r.Tag, r.IdempotencyKey);
}
