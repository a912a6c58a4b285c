namespace WorkflowStudio.Data.Monitoring;

/// <summary>
/// How a release tag's model calls ride out a failing provider: retries with exponential backoff from
/// <see cref="RetryDelayMs"/>, a per-attempt timeout (null keeps the configured one), a fallback model, and the
/// response cache. Stored with the tag's other settings, so it changes without a new version.
/// </summary>
public sealed record TagResilience(int Retries, int RetryDelayMs, double? TimeoutSeconds, string? FallbackModel, bool CacheResponses)
{
    public static TagResilience Default { get; } = new(2, 500, null, null, false);
}
