using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowStudio.Data.Secrets;

public static class SecretProtection
{
    /// <summary>The folder, beside the database, that holds the Data Protection key ring.</summary>
    public const string KeyRingFolder = "keys";

    /// <summary>
    /// Data Protection with its key ring in <paramref name="dataDirectory"/>/keys, so the app and the CLI over the same data
    /// directory read the same secrets, and the web app's session cookies survive a restart. Whoever can read both that
    /// folder and the database can read the stored keys: the folder is as private as the keys themselves.
    /// </summary>
    public static IServiceCollection AddStudioSecretProtection(this IServiceCollection services, string dataDirectory)
    {
        services.AddDataProtection()
            .SetApplicationName("WorkflowStudio")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, KeyRingFolder)));
        services.AddSingleton<IProviderSecretStore, ProviderSecretStore>();
        return services;
    }
}
