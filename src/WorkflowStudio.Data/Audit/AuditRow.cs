namespace WorkflowStudio.Data.Audit;

/// <summary>One security-relevant action as stored: who, what, on what, when. Rows are only ever added.</summary>
public sealed class AuditRow
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? Target { get; set; }
    public string? Detail { get; set; }
}
