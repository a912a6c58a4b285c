using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Identity;

/// <summary>
/// <see cref="IAccountStore"/> over Identity's <see cref="UserManager{TUser}"/>, one scope per call (the managers are
/// scoped to a unit of work, the callers are singletons). Every change renews the account's security stamp, so a
/// session signed in before a role change, a new password, a lock or a delete stops being accepted.
/// </summary>
internal sealed class AccountStore(IServiceScopeFactory scopes, StudioDatabase database) : IAccountStore
{
    public async Task<IReadOnlyList<StoredAccount>> ListAsync(CancellationToken ct = default)
    {
        await using var scope = await OpenAsync(ct);
        var db = scope.ServiceProvider.GetRequiredService<StudioIdentityDbContext>();
        var roles = await (from link in db.UserRoles
                           join role in db.Roles on link.RoleId equals role.Id
                           select new { link.UserId, role.Name }).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.NormalizedUserName).ToListAsync(ct);
        return users.Select(u => new StoredAccount(u.UserName!, roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).ToList(), u.LockoutEnd)).ToList();
    }

    public async Task<StoredAccount> CreateAsync(string userName, string password, string role, CancellationToken ct = default)
    {
        await using var scope = await OpenAsync(ct);
        var users = Users(scope);
        var user = new IdentityUser(userName);
        await EnsureRoleAsync(scope, role);
        Check(await users.CreateAsync(user, password), StoreErrorKind.Invalid);
        Check(await users.AddToRoleAsync(user, role), StoreErrorKind.Invalid);
        return await ToAccountAsync(users, user);
    }

    public Task SetRoleAsync(string userName, string role, CancellationToken ct = default) => ChangeAsync(userName, async (scope, users, user) =>
    {
        await EnsureRoleAsync(scope, role);
        Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)), StoreErrorKind.Conflict);
        Check(await users.AddToRoleAsync(user, role), StoreErrorKind.Invalid);
    }, ct);

    public Task SetPasswordAsync(string userName, string password, CancellationToken ct = default) => ChangeAsync(userName, async (_, users, user) =>
    {
        // Checked before anything changes: removing the old password first would leave the account without one when the new is refused.
        foreach (var rule in users.PasswordValidators)
            Check(await rule.ValidateAsync(users, user, password), StoreErrorKind.Invalid);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        Check(await users.ResetAccessFailedCountAsync(user), StoreErrorKind.Conflict);
    }, ct);

    public Task SetLockedAsync(string userName, bool locked, CancellationToken ct = default) => ChangeAsync(userName, async (_, users, user) =>
    {
        Check(await users.SetLockoutEnabledAsync(user, true), StoreErrorKind.Conflict);
        Check(await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null), StoreErrorKind.Conflict);
        if (!locked) Check(await users.ResetAccessFailedCountAsync(user), StoreErrorKind.Conflict);
    }, ct);

    public async Task DeleteAsync(string userName, CancellationToken ct = default)
    {
        await using var scope = await OpenAsync(ct);
        var users = Users(scope);
        Check(await users.DeleteAsync(await FindOrThrowAsync(users, userName)), StoreErrorKind.Conflict);
    }

    // The tables exist before the first call, whichever host (app, CLI, test) makes it.
    private async Task<AsyncServiceScope> OpenAsync(CancellationToken ct)
    {
        await database.EnsureReadyAsync(ct);
        return scopes.CreateAsyncScope();
    }

    private async Task ChangeAsync(string userName, Func<AsyncServiceScope, UserManager<IdentityUser>, IdentityUser, Task> change, CancellationToken ct)
    {
        await using var scope = await OpenAsync(ct);
        var users = Users(scope);
        var user = await FindOrThrowAsync(users, userName);
        await change(scope, users, user);
        Check(await users.UpdateSecurityStampAsync(user), StoreErrorKind.Conflict);
    }

    // Roles are made on first use, so a database is never missing the role an account is given.
    private static async Task EnsureRoleAsync(AsyncServiceScope scope, string role)
    {
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), StoreErrorKind.Invalid);
    }

    private static UserManager<IdentityUser> Users(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();

    private static async Task<IdentityUser> FindOrThrowAsync(UserManager<IdentityUser> users, string userName) =>
        await users.FindByNameAsync(userName) ?? throw new StoreException($"There is no account '{userName}'.", StoreErrorKind.NotFound);

    private static async Task<StoredAccount> ToAccountAsync(UserManager<IdentityUser> users, IdentityUser user) =>
        new(user.UserName!, [.. await users.GetRolesAsync(user)], user.LockoutEnd);

    private static void Check(IdentityResult result, StoreErrorKind kind)
    {
        if (result.Succeeded) return;
        var taken = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName));
        throw new StoreException(string.Join(" ", result.Errors.Select(e => e.Description)), taken ? StoreErrorKind.Conflict : kind);
    }
}
