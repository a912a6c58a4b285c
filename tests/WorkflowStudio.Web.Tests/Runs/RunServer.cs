using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Studio;
using WorkflowStudio.Web.Api;
using WorkflowStudio.Web.Hubs;
using Microsoft.Extensions.Configuration;

namespace WorkflowStudio.Web.Tests.Runs;

/// <summary>
/// The runs feature on a real Kestrel bound to 127.0.0.1 with a real SQLite file; the model is Core's scripted
/// in-process model and the only tool is the test's <see cref="HoldGate"/>.
/// </summary>
public sealed class RunServer : IAsyncDisposable
{
    public const string WorkflowId = "story";

    private readonly WebApplication _app;
    private readonly string _folder;

    private RunServer(WebApplication app, string folder, HoldGate gate)
    {
        _app = app;
        _folder = folder;
        Gate = gate;
    }

    public HoldGate Gate { get; }
    public string Address => _app.Urls.Single();
    public IServiceProvider Services => _app.Services;
    public IRunStore Runs => Services.GetRequiredService<IRunStore>();
    public IRunFeed Feed => Services.GetRequiredService<IRunFeed>();

    public static Workflow Story => new WorkflowBuilder(WorkflowId, "Story")
        .Input("topic")
        .Prompt("draft", p => p.User("Tell a short story about {{topic}} with a beginning, a middle and an end"))
        .Tool("hold", t => t.Use("hold").Arg("topic", "{{topic}}"))
        .Prompt("final", p => p.User("Polish this: {{draft.text}}"))
        .Output("story", "{{final.text}}")
        .Edge("topic", "draft").Edge("draft", "hold").Edge("hold", "final").Edge("final", "story")
        .Build();

    /// <summary>Starts the server; <paramref name="settings"/> are extra "Studio:..." settings, as appsettings.json would give them.</summary>
    public static async Task<RunServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ws-hub-" + Guid.NewGuid().ToString("N"));
        var gate = new HoldGate();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [StudioPaths.DataDirectoryKey] = folder });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSignalR();
        builder.Services.AddWorkflowStudio(builder.Configuration, StudioPaths.From(builder.Configuration, folder, folder));
        builder.Services.AddSingleton<IModelGateway>(new ScriptedModelGateway());
        builder.Services.AddSingleton<IRetriever>(new InMemoryRetriever(new Dictionary<string, IReadOnlyList<(string, string)>>()));
        builder.Services.AddSingleton<IToolRegistry>(new InMemoryToolRegistry().Add("hold", "Waits for the test", async (_, ct) =>
        {
            await gate.PassAsync(ct);
            return new Core.Ports.ToolResult("released");
        }));
        var app = builder.Build();
        app.MapHub<RunHub>(RunHubContract.Path);
        app.MapWorkflowApi();
        app.MapRunApi();
        await app.StartAsync();
        await app.Services.GetRequiredService<IWorkflowStore>().SaveAsync(new SaveRequest(Story, "first", "tester", BasedOn: null));
        return new RunServer(app, folder, gate);
    }

    /// <summary>A graceful shutdown, as on Ctrl+C; the services stay readable until disposal.</summary>
    public Task StopAsync() => _app.StopAsync();

    public HttpClient Http() => new() { BaseAddress = new Uri(Address) };

    public async Task<HubConnection> ConnectAsync()
    {
        var connection = new HubConnectionBuilder().WithUrl(Address + RunHubContract.Path).Build();
        await connection.StartAsync();
        return connection;
    }

    public static StartRunMessage StoryRequest => new(WorkflowId, new Dictionary<string, string> { ["topic"] = "a lighthouse" });

    public async ValueTask DisposeAsync()
    {
        Gate.Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
