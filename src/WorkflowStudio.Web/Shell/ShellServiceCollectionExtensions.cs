using MudBlazor.Services;

namespace WorkflowStudio.Web.Shell;

public static class ShellServiceCollectionExtensions
{
    /// <summary>MudBlazor and the shell's own services (theme preference).</summary>
    public static IServiceCollection AddStudioShell(this IServiceCollection services)
    {
        services.AddMudServices();
        services.AddScoped<ThemePreference>();
        return services;
    }
}
