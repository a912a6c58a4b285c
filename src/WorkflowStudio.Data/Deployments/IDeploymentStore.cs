namespace WorkflowStudio.Data.Deployments;

/// <summary>API keys and the runs started through deployments (recorded with the run itself, see <see cref="Runs.NewRun.Deployment"/>).</summary>
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

    /// <summary>The version <paramref name="tag"/> points at and the tag's resilience, in one read; null when there is no such tag.</summary>
    Task<TagTarget?> ResolveTagAsync(string workflowId, string tag, CancellationToken ct = default);

    Task<DeploymentRun?> FindRunAsync(string apiKeyId, string idempotencyKey, CancellationToken ct = default);

    Task<DeploymentRun?> GetRunAsync(string runId, CancellationToken ct = default);
}
