using WorkflowStudio.Data.Datasets;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>One case × repeat waiting to run; its run row already exists so the sink can store its events.</summary>
internal sealed record WorkItem(int Ordinal, int Repeat, DatasetCase Case, string RunId);
