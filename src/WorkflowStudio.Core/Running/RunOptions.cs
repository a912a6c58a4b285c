using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Core.Running;

public sealed record RunOptions
{
    public static RunOptions Default { get; } = new();

    /// <summary>Given by the host when it must know the id before the first event (to store or broadcast it).</summary>
    public string? RunId { get; init; }

    /// <summary>The saved version being run, when the host ran one; it labels the run's model calls.</summary>
    public int? Version { get; init; }

    /// <summary>The release tag the run came through (a deployment call), for the model-call records.</summary>
    public string? Tag { get; init; }

    /// <summary>Retries, fallback and cache of the run's model calls (a deployment tag's settings, an evaluation's cache).</summary>
    public ModelPolicy? ModelPolicy { get; init; }

    /// <summary>The whole run fails with <c>time_limit</c> past this.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Applies to every node without a timeout of its own.</summary>
    public TimeSpan? NodeTimeout { get; init; }

    /// <summary>Wait before retry number <c>attempt</c> (1-based); a provider's retry-after wins when longer.</summary>
    public Func<int, TimeSpan> RetryDelay { get; init; } = attempt => TimeSpan.FromMilliseconds(Math.Min(200 * Math.Pow(2, attempt - 1), 5_000));

    public WorkflowLimits Limits { get; init; } = WorkflowLimits.Default;

    /// <summary>
    /// False for a run nobody follows as it goes (an evaluation's case): its prompt and agent steps then ask the model
    /// for the whole answer at once, and the run has no per-chunk <see cref="NodeDelta"/> events to send or store. The
    /// answers and their steps' outputs are the same either way.
    /// </summary>
    public bool StreamText { get; init; } = true;

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
