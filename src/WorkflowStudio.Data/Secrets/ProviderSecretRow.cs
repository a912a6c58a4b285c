namespace WorkflowStudio.Data.Secrets;

/// <summary>A provider's API key as stored: only encrypted (Data Protection), with its last characters to recognise it by.</summary>
public sealed class ProviderSecretRow
{
    public required string Provider { get; set; }
    public required string Protected { get; set; }
    public required string Ending { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
