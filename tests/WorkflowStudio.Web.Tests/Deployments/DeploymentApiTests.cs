using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Studio.Deployments;
using WorkflowStudio.Web.Api;

namespace WorkflowStudio.Web.Tests.Deployments;

/// <summary>Calling release tags through /api/v1 on a real server: waiting, not waiting, streaming, retries and tag moves.</summary>
public sealed class DeploymentApiTests : IAsyncLifetime
{
    private static readonly object Inputs = new { topic = "a lighthouse" };
    private DeploymentServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await DeploymentServer.StartAsync();
        _http = await _server.ClientAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_call_waits_for_the_run_and_returns_its_outputs()
    {
        _server.Gate.Release();

        var response = await _http.PostAsJsonAsync(DeploymentServer.CallPath(), Inputs);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal("v1 a lighthouse", body.GetProperty("outputs").GetProperty("story").GetString());
        Assert.Equal(body.GetProperty("runId").GetString(), response.Headers.GetValues("X-Run-Id").Single());
    }

    [Fact]
    public async Task Wait_false_answers_with_the_run_id_at_once_and_the_run_endpoint_follows_it()
    {
        var response = await _http.PostAsJsonAsync(DeploymentServer.CallPath() + "?wait=false", Inputs);

        // The run is held at the gate, so this answer cannot have waited for it.
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await Json(response);
        var runId = accepted.GetProperty("runId").GetString()!;
        Assert.Equal($"/api/v1/runs/{runId}", response.Headers.Location!.OriginalString);
        await _server.Gate.Reached;
        var running = await Json(await _http.GetAsync($"/api/v1/runs/{runId}"));
        Assert.Equal("running", running.GetProperty("status").GetString());
        Assert.Equal(DeploymentServer.Tag, running.GetProperty("tag").GetString());

        _server.Gate.Release();
        await _server.Deployments.WaitAsync(runId);
        var done = await Json(await _http.GetAsync($"/api/v1/runs/{runId}"));
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        Assert.Equal("v1 a lighthouse", done.GetProperty("outputs").GetProperty("story").GetString());
    }

    [Fact]
    public async Task Accept_event_stream_streams_every_event_of_the_run_as_server_sent_events()
    {
        _server.Gate.Release();
        using var request = new HttpRequestMessage(HttpMethod.Post, DeploymentServer.CallPath()) { Content = JsonContent.Create(Inputs) };
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var items = new List<SseItem<RunEvent>>();
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(),
                           (_, data) => JsonSerializer.Deserialize<RunEvent>(data, ApiJson.Options)!).EnumerateAsync())
            items.Add(item);

        Assert.IsType<RunStarted>(items[0].Data);
        var completed = Assert.IsType<RunCompleted>(items[^1].Data);
        Assert.Equal("v1 a lighthouse", completed.Outputs["story"]?.ToString());
        Assert.Equal(nameof(RunCompleted), items[^1].EventType);
        Assert.Equal(Enumerable.Range(1, items.Count).Select(i => i.ToString()), items.Select(i => i.EventId));
        Assert.All(items, i => Assert.Equal(response.Headers.GetValues("X-Run-Id").Single(), i.Data.RunId));
    }

    [Fact]
    public async Task The_same_idempotency_key_gives_the_same_run_even_when_retries_race()
    {
        _server.Gate.Release();
        async Task<JsonElement> CallAsync(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, DeploymentServer.CallPath()) { Content = JsonContent.Create(Inputs) };
            request.Headers.Add("Idempotency-Key", key);
            return await Json(await _http.SendAsync(request));
        }

        var first = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => CallAsync("order-42")));
        var retry = await CallAsync("order-42");
        var other = await CallAsync("order-43");

        var runId = first[0].GetProperty("runId").GetString();
        Assert.All(first, r => Assert.Equal(runId, r.GetProperty("runId").GetString()));
        Assert.Equal(runId, retry.GetProperty("runId").GetString());
        Assert.Equal("completed", retry.GetProperty("status").GetString());
        Assert.NotEqual(runId, other.GetProperty("runId").GetString());
        var runs = await _server.Services<RunHistory>().QueryAsync(new Data.Runs.RunQuery(DeploymentServer.WorkflowId));
        Assert.Equal(2, runs.Total);
    }

    [Fact]
    public async Task Moving_a_tag_switches_new_calls_at_once_while_a_run_in_flight_finishes_on_its_version()
    {
        using var admin = await _server.ClientAsync(ApiKeyScopes.Admin);
        var inFlight = await Json(await _http.PostAsJsonAsync(DeploymentServer.CallPath() + "?wait=false", Inputs));
        await _server.Gate.Reached;

        var moved = await admin.PutAsJsonAsync($"/api/v1/deployments/{DeploymentServer.WorkflowId}/{DeploymentServer.Tag}", new { version = 2 });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var next = await Json(await _http.PostAsJsonAsync(DeploymentServer.CallPath(), Inputs));
        Assert.Equal(2, next.GetProperty("version").GetInt32());
        Assert.Equal("v2 a lighthouse", next.GetProperty("outputs").GetProperty("story").GetString());

        _server.Gate.Release();
        var outcome = await _server.Deployments.WaitAsync(inFlight.GetProperty("runId").GetString()!);
        Assert.Equal("completed", outcome.Status);
        Assert.Equal("v1 a lighthouse", outcome.Outputs!["story"]?.ToString());
        var record = await Json(await _http.GetAsync($"/api/v1/runs/{outcome.RunId}"));
        Assert.Equal(1, record.GetProperty("version").GetInt32());

        // Rolling back is moving it back, and the next call runs the old version again.
        await admin.PutAsJsonAsync($"/api/v1/deployments/{DeploymentServer.WorkflowId}/{DeploymentServer.Tag}", new { version = 1 });
        var tags = await Json(await _http.GetAsync($"/api/v1/deployments/{DeploymentServer.WorkflowId}"));
        Assert.Equal(1, tags.EnumerateArray().Single(t => t.GetProperty("tag").GetString() == DeploymentServer.Tag).GetProperty("version").GetInt32());
        var back = await Json(await _http.PostAsJsonAsync(DeploymentServer.CallPath(), Inputs));
        Assert.Equal("v1 a lighthouse", back.GetProperty("outputs").GetProperty("story").GetString());
    }

    [Fact]
    public async Task A_workflow_deleted_and_made_again_under_its_id_serves_its_new_definition_from_the_next_call()
    {
        _server.Gate.Release();
        Assert.Equal("v1 a lighthouse", (await Json(await _http.PostAsJsonAsync(DeploymentServer.CallPath(), Inputs)))
            .GetProperty("outputs").GetProperty("story").GetString());
        var store = _server.Services<IWorkflowStore>();
        Assert.True(await store.DeleteAsync(DeploymentServer.WorkflowId));
        var remade = new WorkflowBuilder(DeploymentServer.WorkflowId, "Story").Input("topic").Output("story", "remade {{topic}}").Edge("topic", "story").Build();
        await store.SaveAsync(new SaveRequest(remade, "again", "tester", BasedOn: null));
        await store.SetTagAsync(DeploymentServer.WorkflowId, DeploymentServer.Tag, 1, "tester");

        var again = await Json(await _http.PostAsJsonAsync(DeploymentServer.CallPath(), Inputs));

        // Same workflow id, same tag, same version number 1: only the version's row tells the two apart.
        Assert.Equal(1, again.GetProperty("version").GetInt32());
        Assert.Equal("remade a lighthouse", again.GetProperty("outputs").GetProperty("story").GetString());
    }

    [Fact]
    public async Task An_admin_key_sets_a_tag_s_resilience_a_run_key_reads_it_and_a_bad_value_is_400_with_the_reason()
    {
        using var admin = await _server.ClientAsync(ApiKeyScopes.Admin);
        var path = $"/api/v1/deployments/{DeploymentServer.WorkflowId}/{DeploymentServer.Tag}/resilience";

        var set = await admin.PutAsJsonAsync(path, new { retries = 3, retryDelayMs = 100, timeoutSeconds = 20.0, fallbackModel = "offline", cacheResponses = true });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var read = await Json(await _http.GetAsync(path));
        Assert.Equal((3, 100, 20.0, "offline", true), (read.GetProperty("retries").GetInt32(), read.GetProperty("retryDelayMs").GetInt32(),
            read.GetProperty("timeoutSeconds").GetDouble(), read.GetProperty("fallbackModel").GetString(), read.GetProperty("cacheResponses").GetBoolean()));

        var refused = await admin.PutAsJsonAsync(path, new { retries = 50, retryDelayMs = 100, cacheResponses = false });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Retries must be 0 to 10; 50 was given.", (await Json(refused)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.PutAsJsonAsync(path, new { retries = 1, retryDelayMs = 100, cacheResponses = false })).StatusCode);
        Assert.Equal(3, (await Json(await _http.GetAsync(path))).GetProperty("retries").GetInt32());
    }

    [Fact]
    public async Task An_unknown_tag_is_404_with_a_sentence()
    {
        var response = await _http.PostAsJsonAsync(DeploymentServer.CallPath("nightly"), Inputs);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no tag 'nightly'", (await Json(response)).GetProperty("detail").GetString());
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
