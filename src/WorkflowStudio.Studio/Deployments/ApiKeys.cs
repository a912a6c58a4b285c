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
/// workflows and to run or admin, revoked at once (every call looks the key up, nothing is cached).
/// </summary>
public sealed class ApiKeys(IDeploymentStore store, TimeProvider time)
{
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
        return new CreatedApiKey(key, secret);
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken ct = default) => store.ListKeysAsync(ct);

    public Task<bool> RevokeAsync(string keyId, CancellationToken ct = default, StudioRole role = StudioRole.Owner)
    {
        WorkflowPermissions.EnsureMayManage(role, "revoke API keys");
        return store.RevokeKeyAsync(keyId, ct);
    }

    /// <summary>The live key for <paramref name="secret"/>, its last-used time brought up to date; null when unknown or revoked.</summary>
    public async Task<ApiKeyRecord?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret)) return null;
        var key = await store.FindKeyByHashAsync(Hash(secret), ct);
        if (key is null || key.IsRevoked) return null;
        var now = time.GetUtcNow();
        if (key.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            await store.SetKeyLastUsedAsync(key.Id, now, ct);
            key = key with { LastUsedAt = now };
        }
        return key;
    }

    /// <summary>Whether a key scoped as given may reach <paramref name="workflowId"/>.</summary>
    public static bool Allows(IReadOnlyCollection<string> workflows, string workflowId) =>
        workflows.Contains(ApiKeyScopes.AllWorkflows) || workflows.Contains(workflowId);

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
