using WorkflowStudio.Data;
using WorkflowStudio.Data.Audit;

namespace WorkflowStudio.Studio.Security;

/// <summary>The names of the actions the audit log records, as stored and shown.</summary>
public static class AuditActions
{
    public const string SignedIn = "signin";
    public const string SignInFailed = "signin.failed";
    public const string SignedOut = "signout";
    public const string AccountCreated = "account.created";
    public const string AccountRoleChanged = "account.role";
    public const string AccountPasswordReset = "account.password";
    public const string AccountLocked = "account.locked";
    public const string AccountUnlocked = "account.unlocked";
    public const string AccountDeleted = "account.deleted";
    public const string WorkflowSaved = "workflow.saved";
    public const string WorkflowDeleted = "workflow.deleted";
    public const string VersionRestored = "version.restored";
    public const string TagMoved = "tag.moved";
    public const string ApiKeyCreated = "apikey.created";
    public const string ApiKeyRevoked = "apikey.revoked";
    public const string ProviderKeySet = "providerkey.set";
    public const string ProviderKeyRemoved = "providerkey.removed";
}

/// <summary>
/// Records security-relevant actions (sign-ins, accounts, saves, restores, tag moves, deletes, API keys) with the user
/// who did them, and shows them to owners only. The services that perform an action record it, so every face (pages,
/// API, hub, CLI) is audited the same way.
/// </summary>
public sealed class AuditTrail(IAuditStore store)
{
    public Task RecordAsync(string actor, string action, string? target = null, string? detail = null, CancellationToken ct = default) =>
        store.AppendAsync(new NewAuditEntry(actor, action, target, detail), ct);

    /// <summary>Newest first; <paramref name="before"/> pages back from an entry id. Owners only: the log names every user's actions.</summary>
    public Task<IReadOnlyList<AuditEntry>> ListAsync(StudioRole role, int limit = 200, long? before = null, CancellationToken ct = default)
    {
        if (role != StudioRole.Owner) throw new StoreException("Only owners may read the audit log.", StoreErrorKind.Forbidden);
        return store.ListAsync(limit, before, ct);
    }
}
