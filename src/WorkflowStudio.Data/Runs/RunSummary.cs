using System.Text.Json;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Data.Runs;

/// <summary>What a batch of a run's events adds to its row: totals to add, and how it ended if it did.</summary>
internal sealed class RunSummary
{
    public long LastSequence { get; private set; }
    public int InputTokens { get; private set; }
    public int OutputTokens { get; private set; }
    public decimal Cost { get; private set; }
    public RunStatus? Status { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public long? DurationMs { get; private set; }
    public string? Error { get; private set; }
    public string? OutputsJson { get; private set; }

    public void Add(RunEvent e)
    {
        LastSequence = Math.Max(LastSequence, e.Sequence);
        switch (e)
        {
            case NodeCompleted c:
                InputTokens += c.InputTokens;
                OutputTokens += c.OutputTokens;
                Cost += c.Cost;
                break;
            case RunCompleted c:
                Finish(RunStatus.Succeeded, e.Timestamp, c.Duration, error: null);
                OutputsJson = JsonSerializer.Serialize(c.Outputs, RunEventJson.Options);
                break;
            case RunFailed f:
                Finish(RunStatus.Failed, e.Timestamp, f.Duration, $"{f.Code}: {f.Message}");
                break;
            case RunCancelled c:
                Finish(RunStatus.Cancelled, e.Timestamp, c.Duration, c.Reason);
                break;
        }
    }

    private void Finish(RunStatus status, DateTimeOffset at, TimeSpan duration, string? error)
    {
        Status = status;
        EndedAt = at;
        DurationMs = (long)duration.TotalMilliseconds;
        Error = error;
    }
}
