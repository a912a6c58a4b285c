namespace WorkflowStudio.Studio.Runs;

/// <summary>
/// Ends a follower of a live run that did not keep up: its buffer was full when the run emitted another event. The
/// events it was given are complete and in order; it carries on by following again after the last one it handled.
/// </summary>
public sealed class RunFollowerFellBehindException(string runId)
    : Exception($"The follower of run '{runId}' fell behind and was dropped; follow again from the last sequence it handled.")
{
    public string RunId { get; } = runId;
}
