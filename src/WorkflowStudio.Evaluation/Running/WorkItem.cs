using WorkflowStudio.Data.Datasets;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>
/// One case × repeat waiting to run. Its run's creation is queued in the sink ahead of the run's events, so the case
/// can start at once; <paramref name="Created"/> completes when the row is stored, or fails with the reason it was not.
/// </summary>
internal sealed record WorkItem(int Ordinal, int Repeat, DatasetCase Case, string RunId, Task Created);
