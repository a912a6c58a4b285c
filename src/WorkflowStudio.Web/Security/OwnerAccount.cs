using WorkflowStudio.Studio.Security;

namespace WorkflowStudio.Web.Security;

/// <summary>
/// At start, on a database without accounts, creates the owner account, so a fresh studio is never open to anyone. The
/// password comes from <c>--admin-password</c>, <c>Studio:Security:AdminPassword</c> (settings or the
/// <c>Studio__Security__AdminPassword</c> environment variable), else it is generated and written once to the console (not
/// to the log files, which outlive the terminal).
/// </summary>
internal sealed class OwnerAccount(Accounts accounts, IConfiguration configuration, ILogger<OwnerAccount> log) : IHostedService
{
    public const string OwnerUserName = "owner";
    public const string PasswordSetting = "Studio:Security:AdminPassword";
    public const string PasswordOption = "admin-password";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        CreatedAccount? created;
        try
        {
            created = await accounts.CreateFirstOwnerAsync(OwnerUserName, configuration[PasswordOption] ?? configuration[PasswordSetting], cancellationToken);
        }
        catch (WorkflowStudio.Data.StoreException e)
        {
            throw new InvalidOperationException($"Could not create the owner account (--{PasswordOption} or {PasswordSetting}): {e.Message}", e);
        }
        if (created is null) return;
        log.LogInformation("Created the owner account {UserName}", OwnerUserName);
        if (created.GeneratedPassword is { } password)
            Console.WriteLine($"First start: sign in as '{OwnerUserName}' with the password {password} (shown only this once).");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
