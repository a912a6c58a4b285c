using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>
/// What a run's events add up to for scoring: its outputs, the outputs of the steps scorers look at, tokens, cost,
/// latency and the error if it did not complete. Fed event by event, so nothing but these is kept.
/// </summary>
public sealed class RunOutcome(IReadOnlySet<string> checkedSteps)
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, object?>> _steps = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, object?> Outputs { get; private set; } = new Dictionary<string, object?>();
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> Steps => _steps;
    public int InputTokens { get; private set; }
    public int OutputTokens { get; private set; }
    public decimal Cost { get; private set; }
    public TimeSpan Latency { get; private set; }
    public string? Error { get; private set; }
    /// <summary>Set when the run was cancelled, which a caller that cancelled it treats as its own stop.</summary>
    public bool Cancelled { get; private set; }

    public void Add(RunEvent e)
    {
        switch (e)
        {
            case NodeCompleted done:
                InputTokens += done.InputTokens;
                OutputTokens += done.OutputTokens;
                Cost += done.Cost;
                // The last iteration of a looped step is the one that counts.
                if (checkedSteps.Contains(e.NodeId!)) _steps[e.NodeId!] = done.Outputs;
                break;
            case RunCompleted completed:
                Outputs = completed.Outputs;
                Latency = completed.Duration;
                break;
            case RunFailed failed:
                Error = $"{failed.Code}: {failed.Message}";
                Latency = failed.Duration;
                break;
            case RunCancelled cancelled:
                Cancelled = true;
                Error = "cancelled: " + cancelled.Reason;
                Latency = cancelled.Duration;
                break;
        }
    }
}
