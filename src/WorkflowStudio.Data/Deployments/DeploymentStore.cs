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

    public async Task<TagTarget?> ResolveTagAsync(string workflowId, string tag, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var target = await (from t in db.Tags.AsNoTracking()
                            join v in db.Versions on t.VersionId equals v.Id
                            where t.WorkflowId == workflowId && t.Name == tag
                            from s in db.TagSettings.Where(s => s.WorkflowId == t.WorkflowId && s.Tag == t.Name).DefaultIfEmpty()
                            select new
                            {
                                v.Id, v.Number, HasSettings = s != null,
                                Retries = s == null ? 0 : s.Retries, RetryDelayMs = s == null ? 0 : s.RetryDelayMs,
                                TimeoutSeconds = s == null ? null : s.TimeoutSeconds, FallbackModel = s == null ? null : s.FallbackModel,
                                CacheResponses = s != null && s.CacheResponses,
                            }).FirstOrDefaultAsync(ct);
        if (target is null) return null;
        var resilience = target.HasSettings
            ? new TagResilience(target.Retries, target.RetryDelayMs, target.TimeoutSeconds, target.FallbackModel, target.CacheResponses)
            : TagResilience.Default;
        return new TagTarget(target.Id, target.Number, resilience);
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
