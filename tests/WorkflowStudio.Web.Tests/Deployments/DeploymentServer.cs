using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Studio.Deployments;
using WorkflowStudio.Testing.Deployments;
using WorkflowStudio.Web.Tests.Runs;

namespace WorkflowStudio.Web.Tests.Deployments;

/// <summary>
/// The deployment API as Program.cs wires it (<see cref="DeploymentApiHost"/>, shared with the benchmark), on a real
/// Kestrel bound to 127.0.0.1 with a real SQLite file, and scripted models and tools. Workflow
/// "story" has version 1 (which waits at the test's <see cref="HoldGate"/>) and version 2 (which answers at once),
/// and its "production" tag points at version 1.
/// </summary>
public sealed class DeploymentServer : IAsyncDisposable
{
    public const string WorkflowId = "story";
    public const string Tag = "production";

    private readonly DeploymentApiHost _host;

    private DeploymentServer(DeploymentApiHost host, HoldGate gate)
    {
        _host = host;
        Gate = gate;
    }

    public HoldGate Gate { get; }
    public string Address => _host.Address;
    public string DatabasePath => Path.Combine(_host.DataFolder, "studio.db");
    public ApiKeys Keys => _host.Get<ApiKeys>();
    public DeploymentRuns Deployments => _host.Get<DeploymentRuns>();
    public T Services<T>() where T : notnull => _host.Get<T>();

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
        var gate = new HoldGate();
        var host = await DeploymentApiHost.StartAsync(settings, services: services =>
        {
            services.AddSingleton<IModelGateway>(new ScriptedModelGateway());
            services.AddSingleton<IRetriever>(new InMemoryRetriever(new Dictionary<string, IReadOnlyList<(string, string)>>()));
            services.AddSingleton<IToolRegistry>(new InMemoryToolRegistry().Add("hold", "Waits for the test", async (_, ct) =>
            {
                await gate.PassAsync(ct);
                return new ToolResult("released");
            }));
        });
        var store = host.Get<IWorkflowStore>();
        await store.SaveAsync(new SaveRequest(Held, "holds", "tester", BasedOn: null));
        await store.SaveAsync(new SaveRequest(Quick, "answers at once", "tester", BasedOn: 1));
        await store.SetTagAsync(WorkflowId, Tag, 1, "tester");
        return new DeploymentServer(host, gate);
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
        await _host.DisposeAsync();
    }
}
