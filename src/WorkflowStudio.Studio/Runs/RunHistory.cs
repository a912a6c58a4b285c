using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Studio.Runs;

/// <summary>Past and present runs as the history views, the replay and the HTTP API read them.</summary>
public sealed class RunHistory(IRunStore runs)
{
    public Task<RunRecord?> GetAsync(string runId, CancellationToken ct = default) => runs.GetRunAsync(runId, ct);

    /// <summary>One workflow's runs, newest first.</summary>
    public Task<IReadOnlyList<RunRecord>> ListAsync(string workflowId, int take = 50, CancellationToken ct = default) =>
        runs.ListRunsAsync(workflowId, Math.Clamp(take, 1, 1000), ct);

    /// <summary>Runs across workflows, newest first, filtered and paged.</summary>
    public Task<RunPage> QueryAsync(RunQuery query, CancellationToken ct = default) => runs.QueryRunsAsync(query, ct);

    /// <summary>Stored events after <paramref name="afterSequence"/>, at most <paramref name="max"/> (clamped to 1..10,000).</summary>
    public Task<IReadOnlyList<RunEvent>> GetEventsAsync(string runId, long afterSequence = 0, int max = 1_000, CancellationToken ct = default) =>
        runs.GetEventsAsync(runId, afterSequence, Math.Clamp(max, 1, 10_000), ct);
}
