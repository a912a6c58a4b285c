namespace WorkflowStudio.Data.Entities;

/// <summary>
/// A run started through a deployment: which key asked, through which tag, and the caller's idempotency key, so a
/// retry with the same key finds the run instead of starting another.
/// </summary>
public sealed class DeploymentRunRow
{
    public required string RunId { get; set; }
    public required string ApiKeyId { get; set; }
    public required string WorkflowId { get; set; }
    public required string Tag { get; set; }
    public string? IdempotencyKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
