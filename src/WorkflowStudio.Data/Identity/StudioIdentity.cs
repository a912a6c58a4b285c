using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowStudio.Data.Identity;

/// <summary>
/// Accounts as every host of the studio sees them: the same password and lockout rules whether an account is made by the
/// first start, the accounts page, the API or a test. The web app adds cookies and sign-in on top (<c>AddIdentity</c>).
/// </summary>
public static class StudioIdentity
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutSpan = TimeSpan.FromMinutes(15);

    public static IServiceCollection AddStudioIdentityCore(this IServiceCollection services)
    {
        services.AddIdentityCore<IdentityUser>(Configure).AddRoles<IdentityRole>().AddStudioIdentityStores();
        services.AddSingleton<IAccountStore, AccountStore>();
        return services;
    }

    private static void Configure(IdentityOptions options)
    {
        // Length over composition rules (NIST SP 800-63B): long passphrases pass, short mixed ones do not.
        options.Password.RequiredLength = 12;
        options.Password.RequiredUniqueChars = 4;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
        options.Lockout.DefaultLockoutTimeSpan = LockoutSpan;
        options.User.RequireUniqueEmail = false;
    }
}
