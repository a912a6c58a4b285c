using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Workflows;
using Microsoft.Extensions.Configuration;
using WorkflowStudio.Studio;
using WorkflowStudio.Studio.Client;
using WorkflowStudio.Studio.Configuration;
using WorkflowStudio.Studio.Runs;
using WorkflowStudio.Web.Hubs;

namespace WorkflowStudio.Benchmarks.Data;

/// <summary>The runs feature (coordinator, SQLite sink, hub) on Kestrel at 127.0.0.1 with a temp database, for the hub harnesses.</summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private BenchServer(WebApplication app, string folder)
    {
        _app = app;
        _folder = folder;
    }

    public string Address => _app.Urls.Single();
    public RunCoordinator Coordinator => _app.Services.GetRequiredService<RunCoordinator>();

    /// <summary>With a model of the harness's own and no retrieval; tools only when given.</summary>
    public static Task<BenchServer> StartAsync(IModelGateway models, params Workflow[] workflows) => StartAsync(builder =>
    {
        builder.Services.AddSingleton(models);
        builder.Services.AddSingleton<IRetriever>(new InMemoryRetriever(new Dictionary<string, IReadOnlyList<(string, string)>>()));
        builder.Services.AddSingleton<IToolRegistry>(new InMemoryToolRegistry());
    }, workflows);

    /// <summary>The application layer as the app registers it, then the ports <paramref name="addPorts"/> registers over it.</summary>
    public static async Task<BenchServer> StartAsync(Action<WebApplicationBuilder> addPorts, params Workflow[] workflows)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ws-bench-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Studio:DataDirectory"] = folder;
        builder.Services.AddSignalR();
        builder.Services.AddWorkflowStudio(builder.Configuration, StudioPaths.From(builder.Configuration, folder, AppContext.BaseDirectory));
        addPorts(builder);
        var app = builder.Build();
        app.MapHub<RunHub>(RunHubContract.Path);
        await app.StartAsync();
        var store = app.Services.GetRequiredService<IWorkflowStore>();
        foreach (var workflow in workflows)
            await store.SaveAsync(new SaveRequest(workflow, "benchmark", "bench", BasedOn: null));
        return new BenchServer(app, folder);
    }

    public async Task<HubConnection> ConnectAsync()
    {
        var connection = new HubConnectionBuilder().WithUrl(Address + RunHubContract.Path).Build();
        await connection.StartAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
