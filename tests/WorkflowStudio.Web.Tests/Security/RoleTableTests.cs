using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Web.Hubs;

namespace WorkflowStudio.Web.Tests.Security;

/// <summary>
/// docs/security.md's rules as one table: every /api route and every run hub method, asked by every caller (the four
/// roles, a "run" key, an "admin" key, nobody), with the answer each must get. The routes and hub methods are read from
/// the running app, so one added without a row here fails the build's tests until someone writes down who may call it.
/// </summary>
[Collection(CallersStudioCollection.Name)]
public sealed class RoleTableTests(CallersStudio studio)
{
    private const int Unauthorized = 401, Forbidden = 403;

    /// <summary>One route: how to call it and what each caller gets (a refusal is 401 or 403; anything else proves the handler ran).</summary>
    /// <param name="Path">With {w} the caller's workflow, {d} one it may delete, {u} an account to change, {du} one to delete, {c} the caller, {run} a finished run.</param>
    private sealed record RouteRow(string Method, string Route, string Path, string? Body, IReadOnlyDictionary<Caller, int> Answers);

    private static Dictionary<Caller, int> Answers(int owner, int editor, int promptEditor, int viewer, int runKey, int adminKey) => new()
    {
        [Caller.Owner] = owner, [Caller.Editor] = editor, [Caller.PromptEditor] = promptEditor, [Caller.Viewer] = viewer, [Caller.RunKey] = runKey, [Caller.AdminKey] = adminKey, [Caller.Anonymous] = Unauthorized,
    };

    /// <summary>Every signed-in role reads; keys are for /api/v1 only.</summary>
    private static Dictionary<Caller, int> Read(int ok = 200) => Answers(ok, ok, ok, ok, Unauthorized, Unauthorized);

    /// <summary>Whole-workflow changes: editors and owners.</summary>
    private static Dictionary<Caller, int> Manage(int ok) => Answers(ok, ok, Forbidden, Forbidden, Unauthorized, Unauthorized);

    /// <summary>Prompt texts and sample values: prompt editors too.</summary>
    private static Dictionary<Caller, int> Change(int ok) => Answers(ok, ok, ok, Forbidden, Unauthorized, Unauthorized);

    private static Dictionary<Caller, int> OwnerOnly(int ok) => Answers(ok, Forbidden, Forbidden, Forbidden, Unauthorized, Unauthorized);

    private static Dictionary<Caller, int> AnyKey(int ok) => Answers(Unauthorized, Unauthorized, Unauthorized, Unauthorized, ok, ok);

    private static Dictionary<Caller, int> AdminKeyOnly(int ok) => Answers(Unauthorized, Unauthorized, Unauthorized, Unauthorized, Forbidden, ok);

    /// <summary>A prompt editor's change to the caller's workflow: only the input's sample value differs from version 2.</summary>
    private static readonly string SampleValueSave =
        $"{{\"definition\": {WorkflowJson.Serialize(CallersStudio.Story("{w}", "changed by an editor", sample: "harbours"))}, \"message\": \"sample\", \"basedOn\": 2}}";

    private static readonly RouteRow[] Routes =
    [
        new("GET", "api/workflows", "/api/workflows", null, Read()),
        new("GET", "api/workflows/{workflowId}", "/api/workflows/{w}", null, Read()),
        new("DELETE", "api/workflows/{workflowId}", "/api/workflows/{d}", null, Manage(204)),
        new("GET", "api/workflows/{workflowId}/versions", "/api/workflows/{w}/versions", null, Read()),
        new("GET", "api/workflows/{workflowId}/versions/{number:int}", "/api/workflows/{w}/versions/1", null, Read()),
        new("POST", "api/workflows/{workflowId}/versions", "/api/workflows/{w}/versions", SampleValueSave, Change(201)),
        // Version 1 has another description than the latest: more than a prompt editor may change.
        new("POST", "api/workflows/{workflowId}/versions/{number:int}/restore", "/api/workflows/{w}/versions/1/restore", null, Manage(200)),
        new("POST", "api/workflows/{workflowId}/rename", "/api/workflows/{w}/rename", "{\"name\": \"Renamed\"}", Manage(200)),
        new("POST", "api/workflows/{workflowId}/duplicate", "/api/workflows/{w}/duplicate", "{\"newId\": \"copy-{c}\", \"newName\": \"Copy\"}", Manage(200)),
        new("GET", "api/workflows/{workflowId}/diff", "/api/workflows/{w}/diff?from=1&to=2", null, Read()),
        new("GET", "api/workflows/{workflowId}/tags", "/api/workflows/{w}/tags", null, Read()),
        new("PUT", "api/workflows/{workflowId}/tags/{tag}", "/api/workflows/{w}/tags/production", "{\"version\": 2}", Manage(200)),
        new("GET", "api/workflows/{workflowId}/tags/history", "/api/workflows/{w}/tags/history", null, Read()),
        new("GET", "api/runs", "/api/runs", null, Read()),
        new("GET", "api/workflows/{workflowId}/runs", "/api/workflows/{w}/runs", null, Read()),
        new("GET", "api/runs/{runId}", "/api/runs/{run}", null, Read()),
        new("GET", "api/runs/{runId}/events", "/api/runs/{run}/events", null, Read()),
        // The run has ended, so a caller allowed to cancel hears that from the run feed (404); a viewer is refused first.
        new("POST", "api/runs/{runId}/cancel", "/api/runs/{run}/cancel", null, Answers(404, 404, 404, Forbidden, Unauthorized, Unauthorized)),
        new("GET", "api/audit", "/api/audit", null, OwnerOnly(200)),
        new("GET", "api/accounts", "/api/accounts", null, OwnerOnly(200)),
        new("POST", "api/accounts", "/api/accounts", "{\"userName\": \"new-{c}\", \"role\": \"Viewer\"}", OwnerOnly(201)),
        new("PUT", "api/accounts/{userName}/role", "/api/accounts/{u}/role", "{\"role\": \"Editor\"}", OwnerOnly(204)),
        new("POST", "api/accounts/{userName}/password", "/api/accounts/{u}/password", "{}", OwnerOnly(200)),
        new("POST", "api/accounts/{userName}/lock", "/api/accounts/{u}/lock", null, OwnerOnly(204)),
        new("POST", "api/accounts/{userName}/unlock", "/api/accounts/{u}/unlock", null, OwnerOnly(204)),
        new("DELETE", "api/accounts/{userName}", "/api/accounts/{du}", null, OwnerOnly(204)),
        new("POST", "api/v1/deployments/{workflowId}/{tag}/runs", "/api/v1/deployments/{w}/production/runs?wait=false", "{\"topic\": \"ferries\"}", AnyKey(202)),
        new("GET", "api/v1/runs/{runId}", "/api/v1/runs/{run}", null, AnyKey(200)),
        new("GET", "api/v1/deployments/{workflowId}", "/api/v1/deployments/{w}", null, AnyKey(200)),
        new("PUT", "api/v1/deployments/{workflowId}/{tag}", "/api/v1/deployments/{w}/production", "{\"version\": 2}", AdminKeyOnly(200)),
        new("GET", "api/v1/deployments/{workflowId}/{tag}/resilience", "/api/v1/deployments/{w}/production/resilience", null, AnyKey(200)),
        new("PUT", "api/v1/deployments/{workflowId}/{tag}/resilience", "/api/v1/deployments/{w}/production/resilience",
            "{\"retries\": 1, \"retryDelayMs\": 100, \"timeoutSeconds\": null, \"fallbackModel\": null, \"cacheResponses\": false}", AdminKeyOnly(200)),
        new("POST", "api/v1/runs/{runId}/feedback", "/api/v1/runs/{run}/feedback", "{\"thumbsUp\": true}", AnyKey(201)),
    ];

    public static TheoryData<string, Caller> RouteCases()
    {
        var cases = new TheoryData<string, Caller>();
        foreach (var row in Routes)
        foreach (var caller in Enum.GetValues<Caller>())
            cases.Add(Key(row.Method, row.Route), caller);
        return cases;
    }

    [Theory]
    [MemberData(nameof(RouteCases))]
    public async Task Each_caller_gets_the_answer_its_role_allows(string route, Caller caller)
    {
        var row = Routes.Single(r => Key(r.Method, r.Route) == route);
        using var http = studio.Http(caller);
        using var request = new HttpRequestMessage(new HttpMethod(row.Method), Fill(row.Path, caller));
        if (row.Body is not null) request.Content = new StringContent(Fill(row.Body, caller), Encoding.UTF8, "application/json");

        using var answer = await http.SendAsync(request);

        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(row.Answers[caller] == (int)answer.StatusCode,
            $"{route} as {caller}: expected {row.Answers[caller]}, got {(int)answer.StatusCode} {body[..Math.Min(body.Length, 300)]}");
    }

    [Fact]
    public void Every_api_route_the_app_maps_has_a_row_and_every_row_a_route()
    {
        var mapped = studio.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: e.RoutePattern.RawText!.Trim('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(e => e.Route.StartsWith("api/", StringComparison.OrdinalIgnoreCase) || e.Route == "api")
            .SelectMany(e => e.Methods.Where(m => m != "OPTIONS").Select(m => Key(m, e.Route)))
            .ToHashSet();
        var listed = Routes.Select(r => Key(r.Method, r.Route)).ToHashSet();

        Assert.True(mapped.Count > 30, $"only {mapped.Count} API routes found");
        Assert.True(mapped.SetEquals(listed),
            $"Routes without a row (add one saying who may call it): {string.Join("; ", mapped.Except(listed))}\nRows without a route: {string.Join("; ", listed.Except(mapped))}");
    }

    // ---- The run hub: a connection per caller, each method called on it ----

    private enum HubAnswer { Answers, RefusedWithASentence, ConnectionRefused }

    private static Dictionary<Caller, HubAnswer> HubAnswers(HubAnswer viewer) => new()
    {
        [Caller.Owner] = HubAnswer.Answers, [Caller.Editor] = HubAnswer.Answers, [Caller.PromptEditor] = HubAnswer.Answers, [Caller.Viewer] = viewer,
        // The hub takes a signed-in session, never an API key.
        [Caller.RunKey] = HubAnswer.ConnectionRefused, [Caller.AdminKey] = HubAnswer.ConnectionRefused, [Caller.Anonymous] = HubAnswer.ConnectionRefused,
    };

    private static readonly Dictionary<string, Dictionary<Caller, HubAnswer>> HubMethods = new()
    {
        [nameof(RunHub.StartRun)] = HubAnswers(viewer: HubAnswer.RefusedWithASentence),
        [nameof(RunHub.Join)] = HubAnswers(viewer: HubAnswer.Answers),
        [nameof(RunHub.Cancel)] = HubAnswers(viewer: HubAnswer.RefusedWithASentence),
    };

    public static TheoryData<string, Caller> HubCases()
    {
        var cases = new TheoryData<string, Caller>();
        foreach (var method in HubMethods.Keys)
        foreach (var caller in Enum.GetValues<Caller>())
            cases.Add(method, caller);
        return cases;
    }

    [Theory]
    [MemberData(nameof(HubCases))]
    public async Task Each_caller_gets_the_hub_answer_its_role_allows(string method, Caller caller)
    {
        await using var hub = studio.Hub(caller);
        var expected = HubMethods[method][caller];
        if (expected == HubAnswer.ConnectionRefused)
        {
            var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => hub.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            return;
        }
        await hub.StartAsync();

        var call = Call(hub, method, caller);
        if (expected == HubAnswer.Answers)
        {
            await call;
            return;
        }
        var sentence = await Assert.ThrowsAsync<HubException>(() => call);
        Assert.Contains("viewer may not", sentence.Message);
    }

    [Fact]
    public void Every_public_method_of_the_run_hub_has_a_row()
    {
        var methods = typeof(RunHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name).ToHashSet();

        Assert.True(methods.SetEquals(HubMethods.Keys), $"Hub methods: {string.Join(", ", methods)}; rows: {string.Join(", ", HubMethods.Keys)}");
    }

    private async Task Call(HubConnection hub, string method, Caller caller)
    {
        switch (method)
        {
            case nameof(RunHub.StartRun):
                await hub.InvokeAsync<StartedRunMessage>(method, new StartRunMessage(CallersStudio.WorkflowOf(caller), new Dictionary<string, string> { ["topic"] = "tides" }));
                break;
            case nameof(RunHub.Join):
                var events = 0;
                await foreach (var _ in hub.StreamAsync<RunEventMessage>(method, studio.FinishedRunId, 0L)) events++;
                Assert.True(events > 0, "the finished run's events were not sent");
                break;
            case nameof(RunHub.Cancel):
                Assert.False(await hub.InvokeAsync<bool>(method, studio.FinishedRunId), "a finished run cannot be cancelled");
                break;
            default:
                throw new InvalidOperationException($"Say how to call {method} here.");
        }
    }

    private string Fill(string text, Caller caller) => text
        .Replace("{w}", CallersStudio.WorkflowOf(caller)).Replace("{d}", CallersStudio.DoomedWorkflowOf(caller))
        .Replace("{du}", CallersStudio.DoomedAccountOf(caller)).Replace("{u}", CallersStudio.TargetAccountOf(caller))
        .Replace("{c}", CallersStudio.Name(caller)).Replace("{run}", studio.FinishedRunId);

    private static string Key(string method, string route) => $"{method} {route.Trim('/')}";
}
