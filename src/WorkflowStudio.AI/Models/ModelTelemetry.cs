using System.Diagnostics;
using System.Diagnostics.Metrics;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Models;

/// <summary>
/// Traces and metrics of model calls in the OpenTelemetry GenAI semantic conventions (a "chat {model}" client span,
/// gen_ai.client.token.usage and gen_ai.client.operation.duration). Cheap when nobody listens; the host decides
/// whether an exporter subscribes. Prompts and answers are never put on spans: they may hold what a user typed.
/// </summary>
public static class ModelTelemetry
{
    public const string SourceName = "WorkflowStudio.AI";

    private static readonly ActivitySource Source = new(SourceName);
    private static readonly Meter Meter = new(SourceName);
    private static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>("gen_ai.client.token.usage", "{token}",
        "Number of input and output tokens used.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("gen_ai.client.operation.duration", "s",
        "GenAI operation duration.");

    public static Activity? Start(ModelRequest request)
    {
        var activity = Source.StartActivity($"chat {request.Model}", ActivityKind.Client);
        if (activity is null) return null;
        activity.SetTag("gen_ai.operation.name", "chat");
        activity.SetTag("gen_ai.request.model", request.Model);
        activity.SetTag("gen_ai.request.temperature", request.Temperature);
        activity.SetTag("gen_ai.request.max_tokens", request.MaxTokens);
        if (ModelCallScope.Current is { } scope)
        {
            activity.SetTag("workflowstudio.workflow.id", scope.WorkflowId);
            activity.SetTag("workflowstudio.run.id", scope.RunId);
            activity.SetTag("workflowstudio.step.id", scope.StepId);
        }
        return activity;
    }

    public static void Finish(Activity? activity, ModelCallObservation call)
    {
        var model = new KeyValuePair<string, object?>("gen_ai.request.model", call.Model);
        var operation = new KeyValuePair<string, object?>("gen_ai.operation.name", "chat");
        if (call.ErrorCode is { } code)
        {
            Duration.Record(call.Latency.TotalSeconds, operation, model, new("error.type", code));
        }
        else
        {
            Duration.Record(call.Latency.TotalSeconds, operation, model);
            TokenUsage.Record(call.InputTokens, operation, model, new("gen_ai.token.type", "input"));
            TokenUsage.Record(call.OutputTokens, operation, model, new("gen_ai.token.type", "output"));
        }
        if (activity is null) return;
        activity.SetTag("gen_ai.response.model", call.Model);
        activity.SetTag("gen_ai.usage.input_tokens", call.InputTokens);
        activity.SetTag("gen_ai.usage.output_tokens", call.OutputTokens);
        if (call.CacheHit) activity.SetTag("workflowstudio.cache.hit", call.SemanticCacheHit ? "semantic" : "exact");
        if (call.ErrorCode is { } error)
        {
            activity.SetTag("error.type", error);
            activity.SetStatus(ActivityStatusCode.Error, call.Error);
        }
    }
}
