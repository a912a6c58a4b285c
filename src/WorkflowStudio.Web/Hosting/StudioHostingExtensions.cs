using Serilog;
using Serilog.Formatting.Compact;
using WorkflowStudio.Studio.Configuration;

namespace WorkflowStudio.Web.Hosting;

public static class StudioHostingExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5180";

    /// <summary>
    /// The studio's settings sources (<see cref="StudioConfiguration"/>), a loopback URL unless one is configured, the
    /// data directory, and Serilog (console + rolling compact JSON).
    /// </summary>
    public static StudioPaths AddStudioHosting(this WebApplicationBuilder builder)
    {
        // The static web assets of packages (MudBlazor, the diagram library) are served from the build output in every
        // environment, so the studio runs the same from `dotnet run` and from `dotnet WorkflowStudio.Web.dll`.
        builder.WebHost.UseStaticWebAssets();

        // Run from a checkout, the app reads the repository's appsettings.json and takes relative paths set on the
        // command line or in the environment from the repository root; elsewhere, from the copy and folder beside it.
        var root = StudioConfiguration.FindRepositoryRoot(builder.Environment.ContentRootPath)
                   ?? StudioConfiguration.FindRepositoryRoot(AppContext.BaseDirectory)
                   ?? AppContext.BaseDirectory;
        StudioConfiguration.AddStudioSources(builder.Configuration, StudioConfiguration.SettingsFileFor(root), root);

        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
            builder.WebHost.UseUrls(DefaultUrl);

        var paths = StudioPaths.From(builder.Configuration, root, Path.Combine(AppContext.BaseDirectory, "templates"));
        Directory.CreateDirectory(paths.DataDirectory);

        builder.Services.AddSerilog((_, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console()
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(paths.DataDirectory, "logs", "studio-.clef"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14));
        return paths;
    }

    /// <summary>Says where the studio listens once Kestrel is up, so the run command prints a URL to open.</summary>
    public static void LogStudioAddress(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
            app.Logger.LogInformation("WorkflowStudio is ready: open {Urls} (data in {DataDirectory})",
                string.Join(", ", app.Urls), app.Services.GetRequiredService<StudioPaths>().DataDirectory));
    }
}
