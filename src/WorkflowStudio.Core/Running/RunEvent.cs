using System.Text.Json.Serialization;

namespace WorkflowStudio.Core.Running;

/// <summary>
/// The one stream every view of a run is a projection of: the run panel, SQLite, SignalR, logs and evaluations.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunStarted), "runStarted")]
[JsonDerivedType(typeof(NodeStarted), "nodeStarted")]
[JsonDerivedType(typeof(NodeDelta), "nodeDelta")]
[JsonDerivedType(typeof(NodeRetrying), "nodeRetrying")]
[JsonDerivedType(typeof(NodeCompleted), "nodeCompleted")]
[JsonDerivedType(typeof(NodeSkipped), "nodeSkipped")]
[JsonDerivedType(typeof(NodeFailed), "nodeFailed")]
[JsonDerivedType(typeof(RunCompleted), "runCompleted")]
[JsonDerivedType(typeof(RunFailed), "runFailed")]
[JsonDerivedType(typeof(RunCancelled), "runCancelled")]
public abstract record RunEvent
{
    [JsonPropertyOrder(-10)] public string RunId { get; init; } = "";
    [JsonPropertyOrder(-9)] public long Sequence { get; init; }
    [JsonPropertyOrder(-8)] public DateTimeOffset Timestamp { get; init; }
    [JsonPropertyOrder(-7)] public string? NodeId { get; init; }
    [JsonPropertyOrder(-6)] public int Iteration { get; init; }

    [JsonIgnore] public bool IsTerminal => this is RunCompleted or RunFailed or RunCancelled;
}

public sealed record RunStarted(string WorkflowId, IReadOnlyDictionary<string, string> Inputs) : RunEvent;

public sealed record NodeStarted(string Kind, IReadOnlyDictionary<string, object?> Inputs) : RunEvent;

public sealed record NodeDelta(string Text) : RunEvent;

public sealed record NodeRetrying(int Attempt, string Reason) : RunEvent;

public sealed record NodeCompleted(IReadOnlyDictionary<string, object?> Outputs, string? Port) : RunEvent
{
    public TimeSpan Latency { get; init; }
    public int InputTokens { get; init; }
    public int OutputTokens { get; init; }
    public decimal Cost { get; init; }
    public string? Model { get; init; }
    public bool CacheHit { get; init; }
    /// <summary>The cache hit was the semantic cache's: an answer stored for a prompt close in meaning.</summary>
    public bool SemanticCacheHit { get; init; }
    public TimeSpan? TimeToFirstToken { get; init; }
    public int Attempts { get; init; } = 1;
    /// <summary>Provider requests behind the step's answer, the model's own retries included; 0 when the cache answered.</summary>
    public int ModelAttempts { get; init; }
    /// <summary>The model the step asked for when <see cref="Model"/> is the fallback that answered instead.</summary>
    public string? FallbackFrom { get; init; }
}

/// <summary>A node that cannot run because every path into it was not taken (a Condition or Judge routed elsewhere).</summary>
public sealed record NodeSkipped : RunEvent;

public sealed record NodeFailed(string Code, string Message) : RunEvent
{
    public int Attempts { get; init; } = 1;
}

public sealed record RunCompleted(IReadOnlyDictionary<string, object?> Outputs) : RunEvent
{
    public TimeSpan Duration { get; init; }
    /// <summary>Set when the run completed without reaching any output step, saying why ("judge1 failed and its fail port leads nowhere").</summary>
    public string? Note { get; init; }
}

public sealed record RunFailed(string Code, string Message) : RunEvent
{
    public TimeSpan Duration { get; init; }
}

public sealed record RunCancelled(string Reason) : RunEvent
{
    public TimeSpan Duration { get; init; }
}
