using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Data.Runs;

/// <summary>Where a runner's events go to be stored. Writing never waits on the database.</summary>
public interface IRunEventSink
{
    /// <summary>Queues an event; it is stored in a later batch. Throws once the sink is shut down.</summary>
    void Write(RunEvent runEvent);

    /// <summary>
    /// Records a run (as <see cref="IRunStore.CreateRunAsync"/>) in the sink's next batch, with whatever else is queued:
    /// runs started at the same moment share one write. Completes once stored; its events may be written as soon as
    /// the call returns, since the sink stores a run before the events queued after it.
    /// </summary>
    Task CreateRunAsync(NewRun run, CancellationToken ct = default);

    /// <summary>
    /// Runs another store's write (an evaluation's results, say) on the sink's loop, after the runs and events queued
    /// with or before it: the database file keeps one writer, rather than writers queueing for SQLite's write lock,
    /// whose busy handler sleeps. Completes with the write's own outcome.
    /// </summary>
    Task WriteAlongAsync(Func<Task> write, CancellationToken ct = default);

    /// <summary>Completes when every event queued before the call has been stored (or its failure logged).</summary>
    Task FlushAsync(CancellationToken ct = default);
}
