using System.Text.Json;

namespace WorkflowStudio.Data.Runs;

public enum RunStatus { Running, Succeeded, Failed, Cancelled, Interrupted }

/// <summary>A run about to start: which saved version, by whom, with what inputs.</summary>
public sealed record NewRun(string RunId, string WorkflowId, int VersionNumber, string StartedBy, IReadOnlyDictionary<string, string> Inputs, DateTimeOffset StartedAt)
{
    /// <summary>
    /// The deployment call that starts the run, stored in the same write as the run: an idempotent retry that finds
    /// no deployment record never finds a half-recorded run either.
    /// </summary>
    public Deployments.DeploymentRun? Deployment { get; init; }

    /// <summary>
    /// The version's row id when the caller already holds it, so storing the run need not look it up by number; one
    /// that names no version fails the run's start as a missing version would.
    /// </summary>
    public long? VersionId { get; init; }
}

/// <summary>A run's summary as the history list shows it; totals are kept current as events are stored.</summary>
public sealed record RunRecord(
    string Id,
    string WorkflowId,
    int VersionNumber,
    RunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    TimeSpan? Duration,
    int InputTokens,
    int OutputTokens,
    decimal Cost,
    string StartedBy,
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyDictionary<string, JsonElement>? Outputs,
    string? Error,
    long LastSequence)
{
    public bool IsFinished => Status != RunStatus.Running;
}

/// <summary>Which runs a history page shows: any of the filters, and a page of at most <paramref name="Take"/> after <paramref name="Skip"/>.</summary>
public sealed record RunQuery(string? WorkflowId = null, RunStatus? Status = null, int? Version = null, int Skip = 0, int Take = 50);

public sealed record RunPage(IReadOnlyList<RunRecord> Runs, int Total);
