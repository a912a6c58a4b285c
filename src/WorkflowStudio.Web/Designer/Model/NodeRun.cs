using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Web.Designer.Model;

public enum NodeRunStatus { Waiting, Running, Succeeded, Failed, Skipped }

/// <summary>One step's part in a run, as its latest iteration left it: state, streamed text, inputs, outputs and costs.</summary>
public sealed record NodeRun(string NodeId)
{
    public NodeRunStatus Status { get; init; } = NodeRunStatus.Waiting;
    public string? Kind { get; init; }
    /// <summary>Which pass through a loop this is, counting from 1.</summary>
    public int Iteration { get; init; }
    /// <summary>How many times the step started; more than one for a step inside a loop.</summary>
    public int Visits { get; init; }
    public IReadOnlyList<string> Retries { get; init; } = [];
    public string Text { get; init; } = "";
    public IReadOnlyDictionary<string, object?> Inputs { get; init; } = new Dictionary<string, object?>();
    public NodeCompleted? Completion { get; init; }
    public NodeFailed? Failure { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    public bool WasRetried => Retries.Count > 0;
    public int Attempts => Completion?.Attempts ?? Failure?.Attempts ?? Retries.Count + 1;
}
