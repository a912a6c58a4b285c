namespace WorkflowStudio.Data.Identity;

/// <summary>An account as stored: its name, the roles it holds, and until when it is locked out (null or past: not locked).</summary>
public sealed record StoredAccount(string UserName, IReadOnlyList<string> Roles, DateTimeOffset? LockedUntil);
