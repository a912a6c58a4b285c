namespace WorkflowStudio.Data.Monitoring;

/// <summary>One entry of the response cache's second level: an opaque value under a hashed key, gone after its expiry.</summary>
public sealed class ResponseCacheRow
{
    public const int MaxKeyLength = 200;

    public required string Key { get; set; }
    public required byte[] Value { get; set; }
    public long ExpiresAtMs { get; set; }
    /// <summary>Set for a sliding entry: each read pushes the expiry this far ahead, never past <see cref="AbsoluteExpiresAtMs"/>.</summary>
    public long? SlidingMs { get; set; }
    public long? AbsoluteExpiresAtMs { get; set; }
}
