using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using WorkflowStudio.Data.Deployments;
using WorkflowStudio.Data;
using WorkflowStudio.Studio.Security;

namespace WorkflowStudio.Studio.Deployments;

/// <summary>What a key may do: call deployments ("run"), or also move tags and read any run ("admin").</summary>
public static class ApiKeyScopes
{
    public const string Run = "run";
    public const string Admin = "admin";
    public const string AllWorkflows = "*";

    public static bool IsKnown(string scope) => scope is Run or Admin;
}

/// <summary>A key just created: the secret is in this object and nowhere else, so the caller shows it once.</summary>
public sealed record CreatedApiKey(ApiKeyRecord Key, string Secret);

/// <summary>
/// API keys for the deployment API: created with a random secret shown once, stored as its SHA-256, scoped to
/// workflows and to run or admin, revoked at once.
/// </summary>
/// <remarks>
/// Live keys are kept by hash after their first use, so a call costs no read; revoking goes through here and drops
/// the key before it answers, which is what makes "at once" hold. Keys are managed only by the studio that serves
/// them (one process per database, as the runs it marks interrupted at start assume). Unknown secrets are not kept:
/// guessing costs the guesser a read each time, and the cache cannot be filled from outside.
/// </remarks>
public sealed class ApiKeys(IDeploymentStore store, TimeProvider time, AuditTrail audit)
{
    private readonly ConcurrentDictionary<string, ApiKeyRecord> _live = new(StringComparer.Ordinal);
    // Changes to _live and this count happen under the lock: a lookup keeps what it read only if no revocation began
    // since it started reading, so a key read just before its revocation is never kept after it.
    private readonly Lock _gate = new();
    private long _revocations;

    private const string SecretPrefix = "wsk_";
    private const int SecretBytes = 32;
    private const int ShownPrefixLength = 12;

    // Writing the last-used time on every call would make each API call a database write; to the minute is what people read.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<CreatedApiKey> CreateAsync(string name, string scope, IReadOnlyList<string> workflows, string createdBy, CancellationToken ct = default,
        StudioRole role = StudioRole.Owner)
    {
        WorkflowPermissions.EnsureMayManage(role, "create API keys");
        if (!ApiKeyScopes.IsKnown(scope)) throw new StoreException($"A key's scope is '{ApiKeyScopes.Run}' or '{ApiKeyScopes.Admin}', not '{scope}'.");
        var cleaned = workflows.Select(w => w.Trim()).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (cleaned.Contains(ApiKeyScopes.AllWorkflows)) cleaned = [ApiKeyScopes.AllWorkflows];
        var secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = await store.CreateKeyAsync(new NewApiKey(Guid.CreateVersion7().ToString("N"), name, Hash(secret),
            secret[..ShownPrefixLength], scope, cleaned, createdBy), ct);
        await audit.RecordAsync(createdBy, AuditActions.ApiKeyCreated, key.Name, $"scope {key.Scope}, workflows {string.Join(", ", key.Workflows)}", ct);
        return new CreatedApiKey(key, secret);
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken ct = default) => store.ListKeysAsync(ct);

    public async Task<bool> RevokeAsync(string keyId, CancellationToken ct = default, StudioRole role = StudioRole.Owner, string revokedBy = "studio")
    {
        WorkflowPermissions.EnsureMayManage(role, "revoke API keys");
        Forget(keyId);
        var revoked = await store.RevokeKeyAsync(keyId, ct);
        Forget(keyId);
        if (!revoked) return false;
        await audit.RecordAsync(revokedBy, AuditActions.ApiKeyRevoked, keyId, ct: ct);
        return true;
    }

    /// <summary>The live key for <paramref name="secret"/>, its last-used time brought up to date; null when unknown or revoked.</summary>
    public async Task<ApiKeyRecord?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret)) return null;
        var hash = Hash(secret);
        if (!_live.TryGetValue(hash, out var key))
        {
            var revocations = Interlocked.Read(ref _revocations);
            key = await store.FindKeyByHashAsync(hash, ct);
            if (key is null || key.IsRevoked) return null;
            lock (_gate)
                if (_revocations == revocations) _live[hash] = key;
        }
        var now = time.GetUtcNow();
        if (key.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            key = key with { LastUsedAt = now };
            lock (_gate)
                if (_live.ContainsKey(hash)) _live[hash] = key;
            await store.SetKeyLastUsedAsync(key.Id, now, ct);
        }
        return key;
    }

    // Called before and after the revoking write: before, so no call is answered from the cache once the write is
    // under way; after, for a lookup that kept the key between the first call and the write.
    private void Forget(string keyId)
    {
        lock (_gate)
        {
            _revocations++;
            foreach (var (hash, key) in _live)
                if (key.Id == keyId) _live.TryRemove(hash, out _);
        }
    }

    /// <summary>Whether a key scoped as given may reach <paramref name="workflowId"/>.</summary>
    public static bool Allows(IReadOnlyCollection<string> workflows, string workflowId) =>
        workflows.Contains(ApiKeyScopes.AllWorkflows) || workflows.Contains(workflowId);

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
