using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Web.Api;

/// <summary>A run a deployment accepted without waiting (<c>?wait=false</c>); <paramref name="StatusUrl"/> reports on it.</summary>
public sealed record DeploymentRunAccepted(string RunId, string WorkflowId, int Version, string Tag, string StatusUrl);

/// <summary>
/// A deployment run that ended: <paramref name="Status"/> is completed, failed or cancelled; <paramref name="Outputs"/>
/// when it completed, <paramref name="Error"/> when not.
/// </summary>
public sealed record DeploymentRunResult(string RunId, string WorkflowId, int Version, string Tag, string Status,
    IReadOnlyDictionary<string, object?>? Outputs, string? Error);

/// <summary>A run as <c>GET /api/v1/runs/{id}</c> reports it; <paramref name="Tag"/> is null for runs not started through a deployment.</summary>
public sealed record ApiRun(string RunId, string WorkflowId, int Version, string? Tag, RunStatus Status, DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt, IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Outputs, string? Error);

/// <summary>The version one tag of a deployment serves.</summary>
public sealed record DeploymentTag(string Tag, int Version, DateTimeOffset MovedAt, string MovedBy);

public sealed record MoveTagRequest(int Version);
