using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using WorkflowStudio.Studio.Security;

namespace WorkflowStudio.Web.Security;

/// <summary>
/// At start: makes sure the studio's roles exist and, on a database without users, creates the owner account, so a
/// fresh studio is never open to anyone. The password comes from <c>--admin-password</c>,
/// <c>Studio:Security:AdminPassword</c> (settings or the <c>Studio__Security__AdminPassword</c> environment variable),
/// else it is generated and written once to the console (not to the log files, which outlive the terminal).
/// </summary>
internal sealed class OwnerAccount(IServiceProvider services, IConfiguration configuration, ILogger<OwnerAccount> log) : IHostedService
{
    public const string OwnerUserName = "owner";
    public const string PasswordSetting = "Studio:Security:AdminPassword";
    public const string PasswordOption = "admin-password";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Enum.GetNames<StudioRole>())
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create the role {role}");

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (users.Users.Any()) return;
        var configured = configuration[PasswordOption] ?? configuration[PasswordSetting];
        var password = string.IsNullOrEmpty(configured) ? Generate() : configured;
        var owner = new IdentityUser(OwnerUserName);
        Check(await users.CreateAsync(owner, password), $"create the owner account (--{PasswordOption} or {PasswordSetting})");
        Check(await users.AddToRoleAsync(owner, nameof(StudioRole.Owner)), "make the first account the owner");
        log.LogInformation("Created the owner account {UserName}", OwnerUserName);
        if (string.IsNullOrEmpty(configured))
            Console.WriteLine($"First start: sign in as '{OwnerUserName}' with the password {password} (shown only this once).");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // 24 URL-safe characters from 18 random bytes: far past the length rule, and easy to copy from a terminal.
    private static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
