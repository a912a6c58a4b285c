using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Models;

/// <summary>
/// One finished model call as the gateway saw it: who asked (<see cref="Scope"/>, null outside a run), the model that
/// answered, usage, cost, timings, retries and the error when it failed. <see cref="Messages"/> and <see cref="Answer"/>
/// are handed over so an observer may keep them where the caller opted in; observers decide, not the gateway.
/// </summary>
public sealed record ModelCallObservation(ModelCallScope? Scope, string Model, ModelPurpose Purpose, DateTimeOffset StartedAt, TimeSpan Latency)
{
    public TimeSpan? TimeToFirstToken { get; init; }
    public int InputTokens { get; init; }
    public int OutputTokens { get; init; }
    public decimal Cost { get; init; }
    public bool CacheHit { get; init; }
    /// <summary>The cache hit was the semantic cache's: a stored answer to a question close in meaning, not the same one.</summary>
    public bool SemanticCacheHit { get; init; }
    /// <summary>Provider requests made, retries included (1 for the offline model).</summary>
    public int Attempts { get; init; } = 1;
    /// <summary>The model the caller asked for, when <see cref="Model"/> is the fallback that answered.</summary>
    public string? FallbackFrom { get; init; }
    public string? ErrorCode { get; init; }
    public string? Error { get; init; }
    public IReadOnlyList<ChatMessage> Messages { get; init; } = [];
    public string? Answer { get; init; }
}

/// <summary>Told about every call through the gateway. It runs on the caller's flow, so it must return at once and never throw.</summary>
public interface IModelCallObserver
{
    void Observe(ModelCallObservation call);
}
