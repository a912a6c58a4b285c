using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Data.Runs;

/// <summary>Where a runner's events go to be stored. Writing never waits on the database.</summary>
public interface IRunEventSink
{
    /// <summary>Queues an event; it is stored in a later batch. Throws once the sink is shut down.</summary>
    void Write(RunEvent runEvent);

    /// <summary>
    /// Records a run (as <see cref="IRunStore.CreateRunAsync"/>) in the sink's next batch, with whatever else is queued:
    /// runs started at the same moment share one write. Completes once stored; its events may be written after that.
    /// </summary>
    Task CreateRunAsync(NewRun run, CancellationToken ct = default);

    /// <summary>Completes when every event queued before the call has been stored (or its failure logged).</summary>
    Task FlushAsync(CancellationToken ct = default);
}
