using Microsoft.Extensions.Logging;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Studio.Runs;

/// <summary>
/// The log's view of the event stream: one structured entry per model call and per failed step. The run's scope
/// (RunId, WorkflowId, WorkflowVersion) is added by the coordinator; prompts and outputs stay out of the log.
/// </summary>
public static partial class RunEventLog
{
    public static void Write(ILogger logger, RunEvent e)
    {
        switch (e)
        {
            case NodeCompleted { Model: { } model } c:
                ModelCall(logger, c.NodeId, c.Iteration, model, c.Latency.TotalMilliseconds, c.TimeToFirstToken?.TotalMilliseconds,
                    c.InputTokens, c.OutputTokens, c.Cost, c.CacheHit, c.Attempts);
                break;
            case NodeFailed f:
                StepFailed(logger, f.NodeId, f.Iteration, f.Code, f.Message, f.Attempts);
                break;
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Model call by {NodeId} #{Iteration}: {Model} in {LatencyMs:0} ms (first token {TimeToFirstTokenMs:0} ms), {InputTokens} in / {OutputTokens} out tokens, cost {Cost}, cache hit {CacheHit}, attempts {Attempts}")]
    private static partial void ModelCall(ILogger logger, string? nodeId, int iteration, string model, double latencyMs, double? timeToFirstTokenMs,
        int inputTokens, int outputTokens, decimal cost, bool cacheHit, int attempts);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning,
        Message = "Step {NodeId} #{Iteration} failed with {ErrorCode} after {Attempts} attempt(s): {Error}")]
    private static partial void StepFailed(ILogger logger, string? nodeId, int iteration, string errorCode, string error, int attempts);
}
