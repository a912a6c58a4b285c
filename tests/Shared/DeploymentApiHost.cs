using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Studio;
using WorkflowStudio.Studio.Configuration;
using WorkflowStudio.Web.Api;

namespace WorkflowStudio.Testing.Deployments;

/// <summary>
/// The deployment API as Program.cs wires it (authentication, API keys, rate limiting, the run path, the SQLite sink)
/// on Kestrel at 127.0.0.1 with a data folder of its own, deleted on dispose. Shared by the deployment API tests and
/// the deployment API benchmark (linked into both), so what is measured is what is tested.
/// </summary>
public sealed class DeploymentApiHost : IAsyncDisposable
{
    private readonly string _folder;

    private DeploymentApiHost(WebApplication app, string folder)
    {
        App = app;
        _folder = folder;
    }

    public WebApplication App { get; }
    public string Address => App.Urls.Single();
    public string DataFolder => _folder;
    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <param name="settings">Added over the data folder's setting.</param>
    /// <param name="appFiles">Where the studio reads its own files (templates, models); the data folder when null, so nothing of the app's is read.</param>
    /// <param name="services">Replaces or adds services after the studio's, e.g. a scripted model gateway.</param>
    public static async Task<DeploymentApiHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, string? appFiles = null,
        Action<IServiceCollection>? services = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ws-deploy-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [StudioPaths.DataDirectoryKey] = folder });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddWorkflowStudio(builder.Configuration, StudioPaths.From(builder.Configuration, folder, appFiles ?? folder));
        builder.Services.AddDeploymentApi(builder.Configuration);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseDeploymentApi();
        app.MapDeploymentApi();
        await app.StartAsync();
        return new DeploymentApiHost(app, folder);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
