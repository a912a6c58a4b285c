using WorkflowStudio.Data.Monitoring;

namespace WorkflowStudio.Data.Deployments;

public sealed record NewApiKey(string Id, string Name, string Hash, string Prefix, string Scope, IReadOnlyList<string> Workflows, string CreatedBy);

public sealed record ApiKeyRecord(
    string Id,
    string Name,
    string Prefix,
    string Scope,
    IReadOnlyList<string> Workflows,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}

public sealed record DeploymentRun(string RunId, string ApiKeyId, string WorkflowId, string Tag, string? IdempotencyKey);

/// <summary>What a call of a tag runs: the version the tag points at now, and the tag's resilience settings.</summary>
public sealed record TagTarget(long VersionId, int VersionNumber, TagResilience Resilience);
