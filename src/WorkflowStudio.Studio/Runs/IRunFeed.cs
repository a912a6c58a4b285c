using WorkflowStudio.Core.Running;
using WorkflowStudio.Studio.Security;

namespace WorkflowStudio.Studio.Runs;

/// <summary>
/// Runs of saved workflows, for every face of the studio: the designer's run panel in-process, the SignalR hub and the
/// HTTP API as adapters. A run belongs to the server: it goes on when its viewers leave, and anyone can follow it.
/// </summary>
public interface IRunFeed
{
    /// <summary>
    /// Starts a run for <paramref name="startedBy"/>, who counts against the per-user limit of concurrent runs; a viewer
    /// (<paramref name="role"/>) may not start runs. In-process callers without sign-in act as the owner.
    /// </summary>
    /// <exception cref="WorkflowStudio.Data.StoreException">The workflow, version or tag does not exist; the role may not
    /// run; or the studio or this user already has as many runs going as the limits allow (<see cref="WorkflowStudio.Data.StoreErrorKind.Busy"/>).</exception>
    Task<StartedRun> StartAsync(RunRequest request, string startedBy, CancellationToken ct = default, StudioRole role = StudioRole.Owner);

    /// <summary>
    /// The events of a run after <paramref name="afterSequence"/>: for a live run, what it has emitted and then each new
    /// event until it ends; for a finished one, what the database holds. No gap and no repeat.
    /// </summary>
    /// <exception cref="WorkflowStudio.Data.StoreException">There is no such run.</exception>
    /// <exception cref="RunFollowerFellBehindException">The caller read too slowly; follow again after the last event it got.</exception>
    IAsyncEnumerable<RunEvent> FollowAsync(string runId, long afterSequence, CancellationToken ct = default);

    /// <summary>Asks a run of this process to stop; it ends with a RunCancelled event. False when it is not running here.</summary>
    bool Cancel(string runId);

    bool IsActive(string runId);
}

/// <summary>
/// A run of a saved version: <paramref name="Version"/> when given, else the version <paramref name="Tag"/> points at,
/// else the latest.
/// </summary>
public sealed record RunRequest(string WorkflowId, IReadOnlyDictionary<string, string>? Inputs, int? Version = null, string? Tag = null)
{
    /// <summary>A person watches this run as it goes (the designer), so the offline model streams at a readable pace.</summary>
    public bool Watched { get; init; }

    /// <summary>Retries, timeout, fallback and cache of the run's model calls (a deployment tag's settings); null for the gateway's defaults.</summary>
    public WorkflowStudio.Core.Ports.ModelPolicy? ModelPolicy { get; init; }

    /// <summary>
    /// The version itself, when the caller has just resolved it (a deployment keeps its tag's version): the run uses it
    /// rather than reading <see cref="Version"/> or <see cref="Tag"/> again.
    /// </summary>
    public WorkflowStudio.Data.Workflows.WorkflowVersion? ResolvedVersion { get; init; }

    /// <summary>The API key of a deployment call of <see cref="Tag"/>; recorded in the same write as the run.</summary>
    public DeploymentCaller? Caller { get; init; }
}

/// <summary>Who calls a deployment: the API key, and the idempotency key that finds this run again on a retry.</summary>
public sealed record DeploymentCaller(string ApiKeyId, string? IdempotencyKey);

public sealed record StartedRun(string RunId, string WorkflowId, int VersionNumber);
