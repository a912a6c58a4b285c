namespace WorkflowStudio.Data.Deployments;

/// <summary>API keys and the runs started through deployments.</summary>
public interface IDeploymentStore
{
    Task<ApiKeyRecord> CreateKeyAsync(NewApiKey key, CancellationToken ct = default);

    /// <summary>Newest first, revoked ones included.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(CancellationToken ct = default);

    /// <summary>False when there is no such key or it was already revoked.</summary>
    Task<bool> RevokeKeyAsync(string keyId, CancellationToken ct = default);

    /// <summary>The key whose secret hashes to <paramref name="hash"/>, revoked or not; null when none does.</summary>
    Task<ApiKeyRecord?> FindKeyByHashAsync(string hash, CancellationToken ct = default);

    Task SetKeyLastUsedAsync(string keyId, DateTimeOffset at, CancellationToken ct = default);

    Task RecordRunAsync(DeploymentRun run, CancellationToken ct = default);

    Task<DeploymentRun?> FindRunAsync(string apiKeyId, string idempotencyKey, CancellationToken ct = default);

    Task<DeploymentRun?> GetRunAsync(string runId, CancellationToken ct = default);
}
