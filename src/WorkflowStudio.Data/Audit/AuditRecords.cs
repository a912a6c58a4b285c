namespace WorkflowStudio.Data.Audit;

/// <summary>An action to record; texts longer than the store keeps are cut with a marker rather than refused.</summary>
public sealed record NewAuditEntry(string Actor, string Action, string? Target = null, string? Detail = null);

public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string? Target, string? Detail);
