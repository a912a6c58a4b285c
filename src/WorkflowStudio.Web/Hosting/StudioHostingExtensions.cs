using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Serilog;
using Serilog.Formatting.Compact;

namespace WorkflowStudio.Web.Hosting;

public static class StudioHostingExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5180";

    /// <summary>Loopback URL unless one is configured, the data directory, and Serilog (console + rolling compact JSON).</summary>
    public static StudioPaths AddStudioHosting(this WebApplicationBuilder builder)
    {
        // The static web assets of packages (MudBlazor, the diagram library) are served from the build output in every
        // environment, so the studio runs the same from `dotnet run` and from `dotnet WorkflowStudio.Web.dll`.
        builder.WebHost.UseStaticWebAssets();

        // The repository's one appsettings.json is linked into the build output; `dotnet run` keeps the project folder
        // as content root, so it is read from beside the app, beneath every other source (environment, command line).
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = false,
        });

        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
            builder.WebHost.UseUrls(DefaultUrl);

        var paths = StudioPaths.From(builder.Configuration, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(paths.DataDirectory);
        // Everything else that reads the setting gets the resolved absolute path, whatever its own base folder.
        builder.Configuration[StudioPaths.DataDirectoryKey] = paths.DataDirectory;
        builder.Services.AddSingleton(paths);

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
