namespace WorkflowStudio.Data.Secrets;

/// <summary>A stored provider key as listed: never the key, only its last characters and who set it when.</summary>
public sealed record ProviderSecretInfo(string Provider, string Ending, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>Provider API keys entered in the studio, encrypted at rest; the plain key leaves only through <see cref="ReadAllAsync"/>.</summary>
public interface IProviderSecretStore
{
    Task<IReadOnlyList<ProviderSecretInfo>> ListAsync(CancellationToken ct = default);

    /// <summary>Every stored key decrypted, by provider, for the model calls; a key the key ring can no longer decrypt is left out.</summary>
    Task<IReadOnlyDictionary<string, string>> ReadAllAsync(CancellationToken ct = default);

    /// <summary>Stores (or replaces) the provider's key, encrypted.</summary>
    Task<ProviderSecretInfo> SetAsync(string provider, string key, string updatedBy, CancellationToken ct = default);

    /// <summary>False when the provider had no stored key.</summary>
    Task<bool> RemoveAsync(string provider, CancellationToken ct = default);
}
