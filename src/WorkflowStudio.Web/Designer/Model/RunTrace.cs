using System.Collections.Immutable;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Web.Designer.Model;

public enum RunTraceStatus { Starting, Running, Succeeded, Failed, Cancelled, Ended }

/// <summary>
/// A run as the designer shows it: its events folded into per-step states. Events arrive on the hub's thread while
/// the page renders, so every change swaps immutable snapshots under a lock; a repeated or older sequence number is
/// ignored, which makes rejoining after a reconnect harmless.
/// </summary>
public sealed class RunTrace(string runId)
{
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, NodeRun> _nodes = ImmutableDictionary.Create<string, NodeRun>(StringComparer.Ordinal);
    private ImmutableList<RunEvent> _events = [];

    public string RunId { get; } = runId;
    public RunTraceStatus Status { get; private set; } = RunTraceStatus.Starting;
    public long LastSequence { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? LastEventAt { get; private set; }
    public IReadOnlyDictionary<string, string> RunInputs { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, object?>? Outputs { get; private set; }
    /// <summary>Why the run failed or was cancelled, why it could not be followed, or why it completed with no output.</summary>
    public string? Problem { get; private set; }
    public TimeSpan? Duration { get; private set; }

    public IReadOnlyDictionary<string, NodeRun> Nodes => _nodes;
    public IReadOnlyList<RunEvent> Events => _events;
    public bool IsFinished => Status is RunTraceStatus.Succeeded or RunTraceStatus.Failed or RunTraceStatus.Cancelled or RunTraceStatus.Ended;
    public int InputTokens => _nodes.Values.Sum(n => n.Completion?.InputTokens ?? 0);
    public int OutputTokens => _nodes.Values.Sum(n => n.Completion?.OutputTokens ?? 0);
    public decimal Cost => _nodes.Values.Sum(n => n.Completion?.Cost ?? 0);

    /// <summary>Raised after each applied event, on the caller's thread.</summary>
    public event Action? Changed;

    public NodeRun? For(string nodeId) => _nodes.GetValueOrDefault(nodeId);

    public void Apply(RunEvent e)
    {
        lock (_gate)
        {
            if (e.Sequence <= LastSequence) return;
            LastSequence = e.Sequence;
            LastEventAt = e.Timestamp;
            _events = _events.Add(e);
            switch (e)
            {
                case RunStarted started:
                    StartedAt = e.Timestamp;
                    RunInputs = started.Inputs;
                    Status = RunTraceStatus.Running;
                    break;
                case NodeStarted started:
                    Update(e, n => n with
                    {
                        Status = NodeRunStatus.Running, Kind = started.Kind, Iteration = e.Iteration, Visits = n.Visits + 1,
                        Inputs = started.Inputs, Text = "", Completion = null, Failure = null, StartedAt = e.Timestamp, EndedAt = null,
                    });
                    break;
                case NodeDelta delta:
                    Update(e, n => n with { Text = n.Text + delta.Text });
                    break;
                case NodeRetrying retrying:
                    Update(e, n => n with { Retries = [.. n.Retries, retrying.Reason], Text = "" });
                    break;
                case NodeCompleted completed:
                    Update(e, n => n with { Status = NodeRunStatus.Succeeded, Completion = completed, EndedAt = e.Timestamp });
                    break;
                case NodeSkipped:
                    Update(e, n => n with { Status = NodeRunStatus.Skipped, EndedAt = e.Timestamp });
                    break;
                case NodeFailed failed:
                    Update(e, n => n with { Status = NodeRunStatus.Failed, Failure = failed, EndedAt = e.Timestamp });
                    break;
                case RunCompleted completed:
                    (Status, Outputs, Problem, Duration) = (RunTraceStatus.Succeeded, completed.Outputs, completed.Note, completed.Duration);
                    break;
                case RunFailed failed:
                    (Status, Problem, Duration) = (RunTraceStatus.Failed, $"{failed.Message} ({failed.Code})", failed.Duration);
                    break;
                case RunCancelled cancelled:
                    (Status, Problem, Duration) = (RunTraceStatus.Cancelled, cancelled.Reason, cancelled.Duration);
                    break;
            }
        }
        Changed?.Invoke();
    }

    /// <summary>The stream ended without a terminal event (the run was interrupted) or could not be read.</summary>
    public void End(string problem)
    {
        lock (_gate)
        {
            if (IsFinished) return;
            Status = RunTraceStatus.Ended;
            Problem = problem;
        }
        Changed?.Invoke();
    }

    private void Update(RunEvent e, Func<NodeRun, NodeRun> change)
    {
        if (e.NodeId is not { } id) return;
        _nodes = _nodes.SetItem(id, change(_nodes.GetValueOrDefault(id) ?? new NodeRun(id)));
    }
}
