using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Studio;
using WorkflowStudio.Studio.Deployments;
using WorkflowStudio.Web.Api;
using WorkflowStudio.Web.Tests.Runs;

namespace WorkflowStudio.Web.Tests.Deployments;

/// <summary>
/// The deployment API as Program.cs wires it, on a real Kestrel bound to 127.0.0.1 with a real SQLite file. Workflow
/// "story" has version 1 (which waits at the test's <see cref="HoldGate"/>) and version 2 (which answers at once),
/// and its "production" tag points at version 1.
/// </summary>
public sealed class DeploymentServer : IAsyncDisposable
{
    public const string WorkflowId = "story";
    public const string Tag = "production";

    private readonly WebApplication _app;
    private readonly string _folder;

    private DeploymentServer(WebApplication app, string folder, HoldGate gate)
    {
        _app = app;
        _folder = folder;
        Gate = gate;
    }

    public HoldGate Gate { get; }
    public string Address => _app.Urls.Single();
    public string DatabasePath => Path.Combine(_folder, "studio.db");
    public ApiKeys Keys => _app.Services.GetRequiredService<ApiKeys>();
    public DeploymentRuns Deployments => _app.Services.GetRequiredService<DeploymentRuns>();
    public T Services<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Version 1 holds at the gate; its output names the version so a response shows which one ran.</summary>
    public static Workflow Held => new WorkflowBuilder(WorkflowId, "Story")
        .Input("topic")
        .Tool("hold", t => t.Use("hold").Arg("topic", "{{topic}}"))
        .Output("story", "v1 {{topic}}")
        .Edge("topic", "hold").Edge("hold", "story")
        .Build();

    public static Workflow Quick => new WorkflowBuilder(WorkflowId, "Story")
        .Input("topic")
        .Output("story", "v2 {{topic}}")
        .Edge("topic", "story")
        .Build();

    public static async Task<DeploymentServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ws-deploy-" + Guid.NewGuid().ToString("N"));
        var gate = new HoldGate();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [StudioPaths.DataDirectoryKey] = folder });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddWorkflowStudio(builder.Configuration, StudioPaths.From(builder.Configuration, folder, folder));
        builder.Services.AddDeploymentApi(builder.Configuration);
        builder.Services.AddSingleton<IModelGateway>(new ScriptedModelGateway());
        builder.Services.AddSingleton<IRetriever>(new InMemoryRetriever(new Dictionary<string, IReadOnlyList<(string, string)>>()));
        builder.Services.AddSingleton<IToolRegistry>(new InMemoryToolRegistry().Add("hold", "Waits for the test", async (_, ct) =>
        {
            await gate.PassAsync(ct);
            return new ToolResult("released");
        }));
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseDeploymentApi();
        app.MapDeploymentApi();
        await app.StartAsync();
        var store = app.Services.GetRequiredService<IWorkflowStore>();
        await store.SaveAsync(new SaveRequest(Held, "holds", "tester", BasedOn: null));
        await store.SaveAsync(new SaveRequest(Quick, "answers at once", "tester", BasedOn: 1));
        await store.SetTagAsync(WorkflowId, Tag, 1, "tester");
        return new DeploymentServer(app, folder, gate);
    }

    /// <summary>A client carrying a new key of <paramref name="scope"/> for <paramref name="workflows"/> (default: the story).</summary>
    public async Task<HttpClient> ClientAsync(string scope = ApiKeyScopes.Run, params string[] workflows)
    {
        var key = await Keys.CreateAsync("test key", scope, workflows.Length == 0 ? [WorkflowId] : workflows, "tester");
        var http = Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);
        return http;
    }

    public HttpClient Anonymous() => new() { BaseAddress = new Uri(Address) };

    public static string CallPath(string tag = Tag) => $"/api/v1/deployments/{WorkflowId}/{tag}/runs";

    public async ValueTask DisposeAsync()
    {
        Gate.Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
