using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Data.Runs;

/// <summary>Where a runner's events go to be stored. Writing never waits on the database.</summary>
public interface IRunEventSink
{
    /// <summary>Queues an event; it is stored in a later batch. Throws once the sink is shut down.</summary>
    void Write(RunEvent runEvent);

    /// <summary>Completes when every event queued before the call has been stored (or its failure logged).</summary>
    Task FlushAsync(CancellationToken ct = default);
}
