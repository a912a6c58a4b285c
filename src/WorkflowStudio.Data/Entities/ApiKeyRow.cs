namespace WorkflowStudio.Data.Entities;

/// <summary>
/// An API key as stored: only the SHA-256 of the secret (the secret itself is shown once and never kept), a short
/// prefix so people can tell keys apart, its scope, and the workflows it may call ("*" for all).
/// </summary>
public sealed class ApiKeyRow
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public required string Prefix { get; set; }
    public required string Scope { get; set; }
    public required string Workflows { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
