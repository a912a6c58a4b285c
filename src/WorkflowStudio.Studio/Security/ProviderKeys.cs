using WorkflowStudio.AI.Configuration;
using WorkflowStudio.AI.Models;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Secrets;

namespace WorkflowStudio.Studio.Security;

/// <summary>Where a provider's calls take their key from.</summary>
public enum ProviderKeySource { Environment, Stored, None }

/// <summary>
/// A configured provider and its key as owners see it: whether its environment variable is set, and the stored key's last
/// characters (never the key).
/// </summary>
public sealed record ProviderKeyStatus(string Provider, string Endpoint, string? EnvironmentVariable, bool EnvironmentSet, ProviderSecretInfo? Stored)
{
    /// <summary>The environment wins over a stored key, as every environment variable wins over settings.</summary>
    public ProviderKeySource Source => EnvironmentSet ? ProviderKeySource.Environment : Stored is not null ? ProviderKeySource.Stored : ProviderKeySource.None;
}

/// <summary>
/// Provider API keys entered in the browser: owners set, replace and remove them; they are stored encrypted
/// (<see cref="IProviderSecretStore"/>), never listed, logged or written to the audit log, and handed only to the model calls
/// (<see cref="IStoredProviderKeys"/>).
/// </summary>
public sealed class ProviderKeys(IProviderSecretStore store, ModelOptions models, AuditTrail audit) : IStoredProviderKeys
{
    public const int MaxKeyLength = 4_096;

    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile IReadOnlyDictionary<string, string>? _keys;

    public async Task<IReadOnlyList<ProviderKeyStatus>> ListAsync(StudioRole role, CancellationToken ct = default)
    {
        EnsureOwner(role);
        var stored = (await store.ListAsync(ct)).ToDictionary(s => s.Provider, StringComparer.OrdinalIgnoreCase);
        return models.Providers.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .Select(p => new ProviderKeyStatus(p.Key, p.Value.Endpoint, p.Value.ApiKeyEnv,
                !string.IsNullOrWhiteSpace(p.Value.ApiKeyEnv) && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(p.Value.ApiKeyEnv)),
                stored.GetValueOrDefault(p.Key)))
            .ToList();
    }

    /// <summary>Stores (or replaces) a configured provider's key, encrypted; model calls use it from the next call on.</summary>
    public async Task<ProviderSecretInfo> SetAsync(string provider, string key, string actor, StudioRole role, CancellationToken ct = default)
    {
        EnsureOwner(role);
        var name = Configured(provider);
        var trimmed = (key ?? "").Trim();
        if (trimmed.Length == 0) throw new StoreException("Enter the key to store.");
        if (trimmed.Length > MaxKeyLength) throw new StoreException($"A key is at most {MaxKeyLength} characters; this one has {trimmed.Length}.");
        if (trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new StoreException("A key is one word: no spaces, line breaks or control characters. Paste the key alone.");
        var stored = await store.SetAsync(name, trimmed, actor, ct);
        await ReloadAsync(ct);
        await audit.RecordAsync(actor, AuditActions.ProviderKeySet, name, "key set, stored encrypted", ct);
        return stored;
    }

    public async Task<bool> RemoveAsync(string provider, string actor, StudioRole role, CancellationToken ct = default)
    {
        EnsureOwner(role);
        var name = Configured(provider);
        if (!await store.RemoveAsync(name, ct)) return false;
        await ReloadAsync(ct);
        await audit.RecordAsync(actor, AuditActions.ProviderKeyRemoved, name, ct: ct);
        return true;
    }

    /// <summary>
    /// For the model calls: the stored key of <paramref name="provider"/>. The first call reads every key once (off the
    /// caller's synchronization context, so a Blazor circuit cannot deadlock on it); later calls read memory.
    /// </summary>
    public string? Find(string provider) =>
        (_keys ?? Task.Run(() => ReloadAsync(CancellationToken.None)).GetAwaiter().GetResult()).GetValueOrDefault(provider);

    private async Task<IReadOnlyDictionary<string, string>> ReloadAsync(CancellationToken ct)
    {
        await _reload.WaitAsync(ct);
        try
        {
            return _keys = await store.ReadAllAsync(ct);
        }
        finally
        {
            _reload.Release();
        }
    }

    private string Configured(string provider) =>
        models.Providers.Keys.FirstOrDefault(p => string.Equals(p, provider?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new StoreException($"There is no provider '{provider}' in the settings (Studio:Models:Providers).", StoreErrorKind.NotFound);

    private static void EnsureOwner(StudioRole role)
    {
        if (role != StudioRole.Owner) throw new StoreException("Only owners may see or change provider keys.", StoreErrorKind.Forbidden);
    }
}
