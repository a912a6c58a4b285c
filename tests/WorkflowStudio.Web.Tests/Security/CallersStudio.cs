using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Studio.Deployments;
using WorkflowStudio.Studio.Runs;
using WorkflowStudio.Studio.Security;
using WorkflowStudio.Studio.Versions;
using WorkflowStudio.Studio.Workflows;
using WorkflowStudio.Testing;

namespace WorkflowStudio.Web.Tests.Security;

/// <summary>Everyone who can knock on the studio's doors: the four roles signed in, the two API key scopes, and nobody.</summary>
public enum Caller { Owner, Editor, PromptEditor, Viewer, RunKey, AdminKey, Anonymous }

[CollectionDefinition(Name)]
public sealed class CallersStudioCollection : ICollectionFixture<CallersStudio>
{
    public const string Name = "studio with every caller";
}

/// <summary>
/// One studio (<see cref="StudioApp"/>, the app as Program.cs builds it) shared by the per-role tables and the hostile
/// API cases: an account per role, signed in once through the sign-in form, a key per scope, and for each caller its own
/// workflow (two versions, "production" at version 1), a workflow and an account it may delete, and an account it may
/// lock, re-role and reset, so no case depends on the order cases run in. One finished run is there to read.
/// </summary>
public sealed class CallersStudio : IAsyncLifetime
{
    public const string Tag = "production";
    private const string Password = "a long enough passphrase";

    private readonly Dictionary<Caller, CookieContainer> _sessions = [];
    private readonly Dictionary<Caller, string> _keys = [];

    public StudioApp App { get; } = new();

    /// <summary>A run of the owner's workflow that has ended.</summary>
    public string FinishedRunId { get; private set; } = "";

    /// <summary>The hostile cases' way in: the owner's session and the admin key, with their workflow saved.</summary>
    public HostileTarget Hostile { get; private set; } = null!;

    public static string Name(Caller caller) => caller.ToString().ToLowerInvariant();

    /// <summary>The caller's own workflow: version 1, version 2 (another description), "production" at version 1.</summary>
    public static string WorkflowOf(Caller caller) => "t-" + Name(caller);

    public static string DoomedWorkflowOf(Caller caller) => "d-" + Name(caller);

    public static string TargetAccountOf(Caller caller) => "target-" + Name(caller);

    public static string DoomedAccountOf(Caller caller) => "doomed-" + Name(caller);

    /// <summary>Input "topic" (with a sample value) straight to an output: runs need no model.</summary>
    public static Workflow Story(string id, string? description = null, string sample = "lighthouses") =>
        new WorkflowBuilder(id, "Story").Input("topic", i => i.Default(sample)).Output("story", "A story about {{topic}}").Edge("topic", "story").Build()
            with { Description = description };

    public async Task InitializeAsync()
    {
        var services = App.Services;
        var accounts = services.GetRequiredService<Accounts>();
        var library = services.GetRequiredService<WorkflowLibrary>();
        var versions = services.GetRequiredService<WorkflowVersions>();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            await library.SaveAsync(Story(WorkflowOf(caller)), null, "first", StudioProcess.OwnerUserName, mustBeNew: true);
            await library.SaveAsync(Story(WorkflowOf(caller), "changed by an editor"), 1, "second", StudioProcess.OwnerUserName);
            await versions.SetTagAsync(WorkflowOf(caller), Tag, 1, StudioProcess.OwnerUserName);
            await library.SaveAsync(Story(DoomedWorkflowOf(caller)), null, "to delete", StudioProcess.OwnerUserName, mustBeNew: true);
            await accounts.CreateAsync(TargetAccountOf(caller), StudioRole.Viewer, null, StudioProcess.OwnerUserName, StudioRole.Owner);
            await accounts.CreateAsync(DoomedAccountOf(caller), StudioRole.Viewer, null, StudioProcess.OwnerUserName, StudioRole.Owner);
        }

        _sessions[Caller.Owner] = await StudioProcess.SignInAsync(App.Address, StudioProcess.OwnerUserName, StudioProcess.OwnerPassword);
        foreach (var (caller, role) in new[] { (Caller.Editor, StudioRole.Editor), (Caller.PromptEditor, StudioRole.PromptEditor), (Caller.Viewer, StudioRole.Viewer) })
        {
            await accounts.CreateAsync(Name(caller), role, Password, StudioProcess.OwnerUserName, StudioRole.Owner);
            _sessions[caller] = await StudioProcess.SignInAsync(App.Address, Name(caller), Password);
        }

        var keys = services.GetRequiredService<ApiKeys>();
        _keys[Caller.RunKey] = (await keys.CreateAsync("run-key", ApiKeyScopes.Run, [ApiKeyScopes.AllWorkflows], StudioProcess.OwnerUserName)).Secret;
        _keys[Caller.AdminKey] = (await keys.CreateAsync("admin-key", ApiKeyScopes.Admin, [ApiKeyScopes.AllWorkflows], StudioProcess.OwnerUserName)).Secret;

        var feed = services.GetRequiredService<IRunFeed>();
        var run = await feed.StartAsync(new RunRequest(WorkflowOf(Caller.Owner), new Dictionary<string, string> { ["topic"] = "ferries" }), StudioProcess.OwnerUserName);
        await foreach (var _ in feed.FollowAsync(run.RunId, 0)) { }
        FinishedRunId = run.RunId;

        Hostile = new HostileTarget(App.Address, _sessions[Caller.Owner], _keys[Caller.AdminKey]);
        await Hostile.PrepareAsync();
    }

    /// <summary>A client as the caller: the session cookie of a role, the key of a scope in <c>X-Api-Key</c>, or nothing.</summary>
    public HttpClient Http(Caller caller)
    {
        if (_sessions.TryGetValue(caller, out var cookies)) return StudioProcess.Client(App.Address, cookies);
        var http = App.Anonymous();
        if (_keys.TryGetValue(caller, out var key)) http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    /// <summary>A run hub connection as the caller, not yet started.</summary>
    public HubConnection Hub(Caller caller) => new HubConnectionBuilder()
        .WithUrl(App.Address + RunHubContract.Path, o =>
        {
            if (_sessions.TryGetValue(caller, out var cookies)) o.Cookies = cookies;
            if (_keys.TryGetValue(caller, out var key)) o.Headers["X-Api-Key"] = key;
        })
        .Build();

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}
