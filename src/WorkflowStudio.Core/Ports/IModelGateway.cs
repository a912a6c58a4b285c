namespace WorkflowStudio.Core.Ports;

/// <summary>The runner's only way to reach a language model; the AI project implements it on Semantic Kernel.</summary>
public interface IModelGateway
{
    /// <param name="onDelta">Receives each streamed text chunk; the runner turns them into NodeDelta events.</param>
    ValueTask<ModelResponse> CompleteAsync(ModelRequest request, Action<string>? onDelta, CancellationToken cancellationToken);

    /// <summary>A problem with a model name before any run starts (unknown model, provider without a key), or null.</summary>
    string? CheckModel(string model) => null;
}

public sealed record ChatMessage(ChatRole Role, string Content);

public enum ChatRole { System, User, Assistant }

public enum ModelPurpose { Chat, Judge }

public sealed record ModelRequest(string Model, IReadOnlyList<ChatMessage> Messages)
{
    public double Temperature { get; init; } = 0.7;
    public int MaxTokens { get; init; } = 1024;
    /// <summary>When set, the answer must be JSON valid against this schema.</summary>
    public string? JsonSchema { get; init; }
    public bool Stream { get; init; } = true;
    public ModelPurpose Purpose { get; init; } = ModelPurpose.Chat;
    /// <summary>Tools the model may call (function calling); empty for a plain completion.</summary>
    public IReadOnlyList<ToolDescriptor> Tools { get; init; } = [];
    /// <summary>Most rounds of tool calls before the model must answer; null means the gateway's own limit.</summary>
    public int? MaxToolRounds { get; init; }
    /// <summary>
    /// When set and the run may use the response cache, a stored answer to a user message this close in meaning
    /// (cosine similarity) may answer too; null means exact matches only.
    /// </summary>
    public double? SemanticCacheThreshold { get; init; }
}

public sealed record ModelResponse(string Text, string Model)
{
    public int InputTokens { get; init; }
    public int OutputTokens { get; init; }
    public decimal Cost { get; init; }
    public bool CacheHit { get; init; }
    /// <summary>The cache answered with an answer stored for a prompt close in meaning, not the same one (only with <see cref="CacheHit"/>).</summary>
    public bool SemanticCacheHit { get; init; }
    public TimeSpan? TimeToFirstToken { get; init; }
    /// <summary>Provider requests made for this answer, retries included (1 for the offline model, 0 for a cache hit).</summary>
    public int Attempts { get; init; } = 1;
    /// <summary>The model the step asked for when a fallback model answered instead; null when it answered itself.</summary>
    public string? FallbackFrom { get; init; }
    /// <summary>The tools the model called on the way to its answer, in order, for the trace.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];
}

public sealed record ToolCall(string Tool, IReadOnlyDictionary<string, string> Arguments, string Result);

/// <summary>A model or provider failure the runner may retry (429, 5xx, timeouts) or report.</summary>
public sealed class ModelException(string code, string message, bool transient, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>A streamed answer cut midway: text already reached the run, so only the runner may restart the step, and says so.</summary>
    public const string StreamInterrupted = "stream_interrupted";

    public string Code { get; } = code;
    public bool Transient { get; } = transient;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
