using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Web.Tests.RunView;

/// <summary>A small run's events, as the runner emits them, with sequence numbers and times one second apart.</summary>
public static class RunEvents
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<RunEvent> Story(string runId = "run1")
    {
        RunEvent[] events =
        [
            new RunStarted("chain", new Dictionary<string, string> { ["question"] = "why?" }),
            new NodeStarted("input", new Dictionary<string, object?>()) { NodeId = "question", Iteration = 1 },
            new NodeCompleted(new Dictionary<string, object?> { ["value"] = "why?" }, null) { NodeId = "question", Iteration = 1 },
            new NodeStarted("prompt", new Dictionary<string, object?> { ["user"] = "Answer why?" }) { NodeId = "answer", Iteration = 1 },
            new NodeRetrying(2, "rate limited") { NodeId = "answer", Iteration = 1 },
            new NodeDelta("**Because** ") { NodeId = "answer", Iteration = 1 },
            new NodeDelta("it is.<script>alert(1)</script>") { NodeId = "answer", Iteration = 1 },
            new NodeCompleted(new Dictionary<string, object?> { ["text"] = "**Because** it is.<script>alert(1)</script>" }, null)
            {
                NodeId = "answer", Iteration = 1, Latency = TimeSpan.FromMilliseconds(1500), TimeToFirstToken = TimeSpan.FromMilliseconds(300),
                InputTokens = 12, OutputTokens = 5, Cost = 0.0021m, Model = "offline", Attempts = 2,
            },
            new NodeSkipped { NodeId = "search", Iteration = 1 },
            new RunCompleted(new Dictionary<string, object?> { ["reply"] = "Because it is." }) { Duration = TimeSpan.FromSeconds(9) },
        ];
        return [.. events.Select((e, i) => e with { RunId = runId, Sequence = i + 1, Timestamp = Start.AddSeconds(i) })];
    }
}
