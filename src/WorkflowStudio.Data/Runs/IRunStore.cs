using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Data.Runs;

/// <summary>Runs and their event streams. Runs a previous process left running are marked interrupted when the database is opened.</summary>
public interface IRunStore
{
    /// <summary>
    /// Records a run of a saved version, status <see cref="RunStatus.Running"/>, before its first event, with its
    /// deployment record when it has one. Each problem (no such version, the id or the idempotency key taken) in a sentence.
    /// </summary>
    Task<RunRecord> CreateRunAsync(NewRun run, CancellationToken ct = default);

    /// <summary>Stores events of one or more runs in one transaction and updates those runs' totals and status.</summary>
    Task AppendEventsAsync(IReadOnlyList<RunEvent> events, CancellationToken ct = default);

    /// <summary>
    /// Records new runs (as <see cref="CreateRunAsync"/>, without its separate check that an id is free) and stores
    /// events of any runs, all in one transaction: the sink's batch. A failure leaves nothing of the batch stored.
    /// </summary>
    Task AppendAsync(IReadOnlyList<NewRun> created, IReadOnlyList<RunEvent> events, CancellationToken ct = default);

    /// <summary>Events of a run with a sequence number above <paramref name="afterSequence"/>, in order, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<RunEvent>> GetEventsAsync(string runId, long afterSequence = 0, int max = 10_000, CancellationToken ct = default);

    Task<RunRecord?> GetRunAsync(string runId, CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<RunRecord>> ListRunsAsync(string workflowId, int take = 50, CancellationToken ct = default);

    /// <summary>Runs across workflows, newest first, filtered and paged, with how many match in all.</summary>
    Task<RunPage> QueryRunsAsync(RunQuery query, CancellationToken ct = default);
}
