using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Studio.Client;

namespace WorkflowStudio.Benchmarks.Data;

internal static class RunStreams
{
    /// <summary>One prompt node: every word the model streams is one NodeDelta event.</summary>
    public static Workflow Stream(string id) => new WorkflowBuilder(id)
        .Input("topic")
        .Prompt("talk", p => p.User("Talk about {{topic}}"))
        .Output("text", "{{talk.text}}")
        .Edge("topic", "talk").Edge("talk", "text")
        .Build();

    public static StartRunMessage Request(string workflowId, IReadOnlyDictionary<string, string>? inputs = null) =>
        new(workflowId, inputs ?? new Dictionary<string, string> { ["topic"] = "benchmarks" });

    /// <summary>Joins a run and reads it to the end, noting when each event arrived and how long after it was emitted.</summary>
    public static async Task<List<Received>> FollowAsync(HubConnection connection, string runId)
    {
        var received = new List<Received>();
        await foreach (var message in connection.StreamAsync<RunEventMessage>("Join", runId, 0L))
        {
            var now = DateTimeOffset.UtcNow;
            received.Add(new Received(message.Event, Stopwatch.GetTimestamp(), (now - message.Event.Timestamp).TotalMilliseconds));
        }
        return received;
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

internal readonly record struct Received(RunEvent Event, long At, double LatencyMs);
