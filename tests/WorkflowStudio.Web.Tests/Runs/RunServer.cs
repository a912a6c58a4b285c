using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
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
using Microsoft.Extensions.Options;

namespace WorkflowStudio.Web.Tests.Runs;

/// <summary>
/// The runs feature on a real Kestrel bound to 127.0.0.1 with a real SQLite file; the model is Core's scripted
/// in-process model and the only tool is the test's <see cref="HoldGate"/>. Like the studio, every endpoint needs a
/// user; here the user is named by a header (<see cref="TestUser"/>) instead of a session cookie, so the hub and API
/// tests exercise the same authorization rule without the sign-in page.
/// </summary>
public sealed class RunServer : IAsyncDisposable
{
    public const string WorkflowId = "story";
    public const string UserName = "tester";

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
        builder.Services.AddRunHub();
        builder.Services.AddAuthentication(TestUser.SchemeName).AddScheme<AuthenticationSchemeOptions, TestUser>(TestUser.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddWorkflowStudio(builder.Configuration, StudioPaths.From(builder.Configuration, folder, folder));
        builder.Services.AddSingleton<IModelGateway>(new ScriptedModelGateway());
        builder.Services.AddSingleton<IRetriever>(new InMemoryRetriever(new Dictionary<string, IReadOnlyList<(string, string)>>()));
        builder.Services.AddSingleton<IToolRegistry>(new InMemoryToolRegistry().Add("hold", "Waits for the test", async (_, ct) =>
        {
            await gate.PassAsync(ct);
            return new Core.Ports.ToolResult("released");
        }));
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHub<RunHub>(RunHubContract.Path);
        app.MapWorkflowApi();
        app.MapRunApi();
        await app.StartAsync();
        await app.Services.GetRequiredService<IWorkflowStore>().SaveAsync(new SaveRequest(Story, "first", "tester", BasedOn: null));
        return new RunServer(app, folder, gate);
    }

    /// <summary>A graceful shutdown, as on Ctrl+C; the services stay readable until disposal.</summary>
    public Task StopAsync() => _app.StopAsync();

    /// <summary>A client signed in as <paramref name="user"/> with <paramref name="role"/>; a null user sends no credentials.</summary>
    public HttpClient Http(string? user = UserName, string role = "Owner")
    {
        var http = new HttpClient { BaseAddress = new Uri(Address) };
        if (user is not null) TestUser.Add(http.DefaultRequestHeaders.Add, user, role);
        return http;
    }

    /// <summary>For <see cref="RunHubClient"/>: its connections carry <see cref="UserName"/> as the owner.</summary>
    public static void SignIn(IHubConnectionBuilder hub) =>
        hub.Services.Configure<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions>(o => TestUser.Add(o.Headers.Add, UserName, "Owner"));

    public async Task<HubConnection> ConnectAsync(string? user = UserName, string role = "Owner")
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(Address + RunHubContract.Path, o => { if (user is not null) TestUser.Add(o.Headers.Add, user, role); })
            .Build();
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

/// <summary>Authenticates a request by the user and role it names in headers: the test stand-in for the session cookie.</summary>
public sealed class TestUser(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestUser";
    private const string NameHeader = "X-Test-User";
    private const string RoleHeader = "X-Test-Role";

    public static void Add(Action<string, string> header, string user, string role)
    {
        header(NameHeader, user);
        header(RoleHeader, role);
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[NameHeader].ToString() is not { Length: > 0 } name) return Task.FromResult(AuthenticateResult.NoResult());
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, Request.Headers[RoleHeader].ToString())], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
