namespace WorkflowStudio.Data.Identity;

/// <summary>
/// The sign-in accounts, changed only through ASP.NET Core Identity so its rules (user names, passwords, hashing,
/// security stamps) hold. Refusals are <see cref="StoreException"/>s whose sentence is Identity's own description.
/// </summary>
public interface IAccountStore
{
    /// <summary>Every account, by user name.</summary>
    Task<IReadOnlyList<StoredAccount>> ListAsync(CancellationToken ct = default);

    Task<StoredAccount> CreateAsync(string userName, string password, string role, CancellationToken ct = default);

    /// <summary>Replaces every role of the account with <paramref name="role"/>.</summary>
    Task SetRoleAsync(string userName, string role, CancellationToken ct = default);

    /// <summary>Sets a new password after checking it against the rules; the account's failed sign-ins are forgotten.</summary>
    Task SetPasswordAsync(string userName, string password, CancellationToken ct = default);

    /// <summary>Locks the account until unlocked (<paramref name="locked"/>), or lifts any lockout.</summary>
    Task SetLockedAsync(string userName, bool locked, CancellationToken ct = default);

    Task DeleteAsync(string userName, CancellationToken ct = default);
}
