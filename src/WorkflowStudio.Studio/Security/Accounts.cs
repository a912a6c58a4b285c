using System.Security.Cryptography;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Audit;
using WorkflowStudio.Data.Identity;

namespace WorkflowStudio.Studio.Security;

/// <summary>An account as owners see it: its role, when it last signed in, and until when it is locked out.</summary>
public sealed record Account(string UserName, StudioRole Role, DateTimeOffset? LastSignIn, DateTimeOffset? LockedUntil)
{
    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

/// <summary>An account just made; <paramref name="GeneratedPassword"/> is set when the studio chose it, to be shown once.</summary>
public sealed record CreatedAccount(Account Account, string? GeneratedPassword);

/// <summary>
/// Managing sign-in accounts, for the accounts page, <c>/api/accounts</c> and the first start alike: only owners act,
/// the studio always keeps an owner who can sign in, and every change is in the audit log (never a password).
/// </summary>
public sealed class Accounts(IAccountStore store, IAuditStore signIns, AuditTrail audit, TimeProvider time)
{
    // The last-owner checks read, then change: one change at a time, so two owners demoting each other cannot both pass.
    private readonly SemaphoreSlim _changes = new(1, 1);

    public async Task<IReadOnlyList<Account>> ListAsync(StudioRole actorRole, CancellationToken ct = default)
    {
        EnsureOwner(actorRole, "see the accounts");
        var stored = await store.ListAsync(ct);
        var lastSignIns = await signIns.LatestByActorAsync(AuditActions.SignedIn, ct);
        return stored.Select(a => new Account(a.UserName, RoleOf(a), lastSignIns.TryGetValue(a.UserName, out var at) ? at : null, a.LockedUntil)).ToList();
    }

    public const int MaxUserNameLength = 64;

    /// <summary>Adds an account; with no <paramref name="password"/> the studio generates one and returns it, once.</summary>
    public Task<CreatedAccount> CreateAsync(string userName, StudioRole role, string? password, string actor, StudioRole actorRole, CancellationToken ct = default)
    {
        EnsureOwner(actorRole, "add accounts");
        var name = userName?.Trim() ?? "";
        // Identity limits the characters, not the length; names appear in every audit line and list.
        if (name.Length > MaxUserNameLength) throw new StoreException($"A user name has at most {MaxUserNameLength} characters; this one has {name.Length:N0}.");
        return ChangeAsync(async () =>
        {
            var (chosen, generated) = Choose(password);
            var created = await store.CreateAsync(name, chosen, role.ToString(), ct);
            await audit.RecordAsync(actor, AuditActions.AccountCreated, created.UserName, $"role {role}, {Describe(generated)}", ct);
            return new CreatedAccount(new Account(created.UserName, role, null, created.LockedUntil), generated);
        });
    }

    /// <summary>
    /// The first start: on a database without accounts, makes <paramref name="userName"/> an owner and returns the password
    /// generated when none was given; null when accounts already exist.
    /// </summary>
    public Task<CreatedAccount?> CreateFirstOwnerAsync(string userName, string? password, CancellationToken ct = default) => ChangeAsync(async () =>
    {
        if ((await store.ListAsync(ct)).Count > 0) return null;
        var (chosen, generated) = Choose(password);
        var created = await store.CreateAsync(userName, chosen, nameof(StudioRole.Owner), ct);
        await audit.RecordAsync("studio", AuditActions.AccountCreated, created.UserName,
            generated is null ? "role Owner, first start, password from settings" : "role Owner, first start, generated password shown once on the console", ct);
        return new CreatedAccount(new Account(created.UserName, StudioRole.Owner, null, created.LockedUntil), generated);
    });

    public Task SetRoleAsync(string userName, StudioRole role, string actor, StudioRole actorRole, CancellationToken ct = default)
    {
        EnsureOwner(actorRole, "change roles");
        return ChangeAsync(async () =>
        {
            var (target, owners) = await FindAsync(userName, ct);
            if (target.Role == role) return;
            if (target.Role == StudioRole.Owner && owners.Count == 1)
                throw new StoreException($"'{target.UserName}' is the last owner; make another account an owner first.", StoreErrorKind.Conflict);
            await store.SetRoleAsync(target.UserName, role.ToString(), ct);
            await audit.RecordAsync(actor, AuditActions.AccountRoleChanged, target.UserName, $"{target.Role} → {role}", ct);
        });
    }

    /// <summary>Sets a new password (the owner's, or a generated one returned to show once) and forgets failed sign-ins.</summary>
    public Task<string?> ResetPasswordAsync(string userName, string? password, string actor, StudioRole actorRole, CancellationToken ct = default)
    {
        EnsureOwner(actorRole, "reset passwords");
        return ChangeAsync(async () =>
        {
            var (target, _) = await FindAsync(userName, ct);
            var (chosen, generated) = Choose(password);
            await store.SetPasswordAsync(target.UserName, chosen, ct);
            await audit.RecordAsync(actor, AuditActions.AccountPasswordReset, target.UserName, Describe(generated), ct);
            return generated;
        });
    }

    /// <summary>Locks an account until an owner unlocks it, or lifts a lockout (also the one five wrong passwords cause).</summary>
    public Task SetLockedAsync(string userName, bool locked, string actor, StudioRole actorRole, CancellationToken ct = default)
    {
        EnsureOwner(actorRole, locked ? "lock accounts" : "unlock accounts");
        return ChangeAsync(async () =>
        {
            var (target, owners) = await FindAsync(userName, ct);
            if (locked && string.Equals(target.UserName, actor, StringComparison.OrdinalIgnoreCase))
                throw new StoreException("You may not lock your own account.", StoreErrorKind.Conflict);
            if (locked && target.Role == StudioRole.Owner && owners.Count(o => !o.IsLockedOut(time.GetUtcNow())) == 1)
                throw new StoreException($"'{target.UserName}' is the last owner who can sign in; it stays unlocked.", StoreErrorKind.Conflict);
            await store.SetLockedAsync(target.UserName, locked, ct);
            await audit.RecordAsync(actor, locked ? AuditActions.AccountLocked : AuditActions.AccountUnlocked, target.UserName, ct: ct);
        });
    }

    /// <summary>Deletes an account; never the last owner, so an owner deletes their own account only when another owner remains.</summary>
    public Task DeleteAsync(string userName, string actor, StudioRole actorRole, CancellationToken ct = default)
    {
        EnsureOwner(actorRole, "delete accounts");
        return ChangeAsync(async () =>
        {
            var (target, owners) = await FindAsync(userName, ct);
            if (target.Role == StudioRole.Owner && owners.Count == 1)
                throw new StoreException($"'{target.UserName}' is the last owner; make another account an owner first.", StoreErrorKind.Conflict);
            await store.DeleteAsync(target.UserName, ct);
            await audit.RecordAsync(actor, AuditActions.AccountDeleted, target.UserName, $"was {target.Role}", ct);
        });
    }

    /// <summary>24 URL-safe characters from 18 random bytes: far past the length rule, and easy to copy from a terminal.</summary>
    public static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    private static void EnsureOwner(StudioRole role, string what)
    {
        if (role != StudioRole.Owner) throw new StoreException($"Only owners may {what}.", StoreErrorKind.Forbidden);
    }

    private static StudioRole RoleOf(StoredAccount account) => StudioRoles.Strongest(account.Roles.Contains);

    private static (string Chosen, string? Generated) Choose(string? password)
    {
        if (!string.IsNullOrEmpty(password)) return (password, null);
        var generated = GeneratePassword();
        return (generated, generated);
    }

    private static string Describe(string? generated) => generated is null ? "password set by the owner" : "generated password shown once";

    private async Task<(Account Target, IReadOnlyList<Account> Owners)> FindAsync(string userName, CancellationToken ct)
    {
        var accounts = (await store.ListAsync(ct)).Select(a => new Account(a.UserName, RoleOf(a), null, a.LockedUntil)).ToList();
        var target = accounts.FirstOrDefault(a => string.Equals(a.UserName, userName, StringComparison.OrdinalIgnoreCase))
                     ?? throw new StoreException($"There is no account '{userName}'.", StoreErrorKind.NotFound);
        return (target, accounts.Where(a => a.Role == StudioRole.Owner).ToList());
    }

    private Task ChangeAsync(Func<Task> change) => ChangeAsync(async () =>
    {
        await change();
        return true;
    });

    private async Task<T> ChangeAsync<T>(Func<Task<T>> change)
    {
        await _changes.WaitAsync();
        try
        {
            return await change();
        }
        finally
        {
            _changes.Release();
        }
    }
}
