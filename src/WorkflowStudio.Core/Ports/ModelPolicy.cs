namespace WorkflowStudio.Core.Ports;

/// <summary>
/// How a run's model calls ride out a failing provider, and whether they may be answered from the response cache.
/// A deployment tag sets one (changeable without a new version), an evaluation turns the cache on; runs without one
/// (the designer) use the gateway's configured defaults and never the cache. A value left null keeps the configured one.
/// </summary>
public sealed record ModelPolicy
{
    /// <summary>
    /// Provider retries after the first attempt, for 429, 5xx, timeouts and network errors; also how often the runner
    /// may restart a step whose stream was cut midway.
    /// </summary>
    public int? Retries { get; init; }

    /// <summary>The first backoff; each retry doubles it, with jitter, unless the provider's Retry-After asks for longer.</summary>
    public TimeSpan? RetryDelay { get; init; }

    /// <summary>An attempt that receives nothing from the provider for this long fails as a timeout; null keeps the gateway's.</summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>Answers when the step's own model still fails after its retries; null means the provider's configured fallback, if any.</summary>
    public string? FallbackModel { get; init; }

    /// <summary>Identical requests (model, parameters, messages, tools) are answered from the response cache.</summary>
    public bool UseCache { get; init; }

    /// <summary>Part of the cache key, so the repeats of one evaluation stay separate samples while a rerun reuses each.</summary>
    public int CacheVariant { get; init; }
}
