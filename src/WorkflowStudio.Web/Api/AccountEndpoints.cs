using System.Security.Claims;
using WorkflowStudio.Studio.Security;
using WorkflowStudio.Web.Security;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// Sign-in accounts over HTTP, for owners: each route is one call into <see cref="Accounts"/>, the service the accounts
/// page uses, so the same rules (never the last owner) and the same audit entries apply. Passwords are accepted, and a
/// generated one is returned once; none is ever listed.
/// </summary>
public static class AccountEndpoints
{
    public const string Path = "/api/accounts";

    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup(Path).AddEndpointFilter(StoreErrorResults.Filter).RequireAuthorization(nameof(StudioRole.Owner));

        accounts.MapGet("/", async (ClaimsPrincipal user, Accounts service, TimeProvider time, CancellationToken ct) =>
            Results.Ok((await service.ListAsync(StudioUser.From(user).Role, ct)).Select(a => AccountDto.From(a, time.GetUtcNow()))));

        accounts.MapPost("/", async (NewAccountBody body, ClaimsPrincipal user, Accounts service, TimeProvider time, CancellationToken ct) =>
        {
            var who = StudioUser.From(user);
            var created = await service.CreateAsync(body.UserName ?? "", StudioRoles.Parse(body.Role), body.Password, who.Name, who.Role, ct);
            return Results.Created($"{Path}/{Uri.EscapeDataString(created.Account.UserName)}",
                new CreatedAccountDto(AccountDto.From(created.Account, time.GetUtcNow()), created.GeneratedPassword));
        });

        accounts.MapPut("/{userName}/role", async (string userName, RoleBody body, ClaimsPrincipal user, Accounts service, CancellationToken ct) =>
        {
            var who = StudioUser.From(user);
            await service.SetRoleAsync(userName, StudioRoles.Parse(body.Role), who.Name, who.Role, ct);
            return Results.NoContent();
        });

        accounts.MapPost("/{userName}/password", async (string userName, PasswordBody? body, ClaimsPrincipal user, Accounts service, CancellationToken ct) =>
        {
            var who = StudioUser.From(user);
            return Results.Ok(new PasswordDto(await service.ResetPasswordAsync(userName, body?.Password, who.Name, who.Role, ct)));
        });

        accounts.MapPost("/{userName}/lock", (string userName, ClaimsPrincipal user, Accounts service, CancellationToken ct) => LockAsync(userName, true, user, service, ct));
        accounts.MapPost("/{userName}/unlock", (string userName, ClaimsPrincipal user, Accounts service, CancellationToken ct) => LockAsync(userName, false, user, service, ct));

        accounts.MapDelete("/{userName}", async (string userName, ClaimsPrincipal user, Accounts service, CancellationToken ct) =>
        {
            var who = StudioUser.From(user);
            await service.DeleteAsync(userName, who.Name, who.Role, ct);
            return Results.NoContent();
        });
        return app;
    }

    private static async Task<IResult> LockAsync(string userName, bool locked, ClaimsPrincipal user, Accounts service, CancellationToken ct)
    {
        var who = StudioUser.From(user);
        await service.SetLockedAsync(userName, locked, who.Name, who.Role, ct);
        return Results.NoContent();
    }

    private sealed record NewAccountBody(string? UserName, string? Password, string? Role);

    private sealed record RoleBody(string? Role);

    /// <summary>No password: the studio generates one and answers it, once.</summary>
    private sealed record PasswordBody(string? Password);

    private sealed record PasswordDto(string? GeneratedPassword);

    private sealed record CreatedAccountDto(AccountDto Account, string? GeneratedPassword);

    private sealed record AccountDto(string UserName, string Role, DateTimeOffset? LastSignIn, bool LockedOut, DateTimeOffset? LockedUntil)
    {
        public static AccountDto From(Account a, DateTimeOffset now) => new(a.UserName, a.Role.ToString(), a.LastSignIn, a.IsLockedOut(now), a.IsLockedOut(now) ? a.LockedUntil : null);
    }
}
