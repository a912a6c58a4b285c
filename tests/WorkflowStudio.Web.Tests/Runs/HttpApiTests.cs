using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using WorkflowStudio.Core.Serialization;

namespace WorkflowStudio.Web.Tests.Runs;

/// <summary>The versions and run-history endpoints on the same real Kestrel.</summary>
public sealed class HttpApiTests : IAsyncLifetime
{
    private RunServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await RunServer.StartAsync();
        _http = _server.Http();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Save_diff_restore_and_tag_versions_over_http()
    {
        var definition = JsonNode.Parse(WorkflowJson.Serialize(RunServer.Story))!;
        definition["nodes"]!.AsArray().Single(n => (string?)n!["id"] == "final")!["temperature"] = 0.1;

        var saved = await _http.PostAsJsonAsync("/api/workflows/story/versions",
            new { definition, message = "cooler final", basedOn = 1 });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal(2, (await Json(saved)).GetProperty("version").GetProperty("summary").GetProperty("number").GetInt32());

        var diff = await Json(await _http.GetAsync("/api/workflows/story/diff?from=1&to=2"));
        var change = diff.GetProperty("nodes").GetProperty("nodes").EnumerateArray().Single();
        Assert.Equal(("final", "changed"), (change.GetProperty("nodeId").GetString(), change.GetProperty("kind").GetString()));
        Assert.Equal("Temperature", change.GetProperty("settings")[0].GetProperty("name").GetString());

        var restored = await Json(await _http.PostAsJsonAsync("/api/workflows/story/versions/1/restore", new { }));
        Assert.Equal((3, 1), (restored.GetProperty("summary").GetProperty("number").GetInt32(), restored.GetProperty("summary").GetProperty("restoredFrom").GetInt32()));
        Assert.Equal("story", restored.GetProperty("definition").GetProperty("id").GetString());

        var tagged = await _http.PutAsJsonAsync("/api/workflows/story/tags/production", new { version = 2 });
        Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
        var details = await Json(await _http.GetAsync("/api/workflows/story"));
        Assert.Equal(3, details.GetProperty("workflow").GetProperty("latestVersion").GetInt32());
        Assert.Equal(2, details.GetProperty("tags")[0].GetProperty("versionNumber").GetInt32());
        var versions = await Json(await _http.GetAsync("/api/workflows/story/versions"));
        Assert.Equal([3, 2, 1], versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task Bad_requests_get_a_problem_with_a_sentence()
    {
        var unreadable = await _http.PostAsJsonAsync("/api/workflows/story/versions",
            new { definition = new { schema = 1, id = "story", name = "Story", nodes = new[] { new { kind = "teleport", id = "x" } } }, message = "", basedOn = 1 });
        var missing = await _http.GetAsync("/api/workflows/nope/versions");
        var taken = await _http.PostAsJsonAsync("/api/workflows/story/versions",
            new { definition = JsonNode.Parse(WorkflowJson.Serialize(RunServer.Story)), message = "again" });
        var badTag = await _http.PutAsJsonAsync("/api/workflows/story/tags/Not%20A%20Tag", new { version = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("unknown kind 'teleport'", (await Json(unreadable)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badTag.StatusCode);
        Assert.Contains("not a tag name", (await Json(badTag)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_past_run_and_its_events_can_be_read_over_http()
    {
        _server.Gate.Release();
        await using var client = await _server.ConnectAsync();
        var run = await client.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest);
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            await foreach (var _ in client.StreamAsync<RunEventMessage>("Join", run.RunId, 0L, patience.Token)) { }

        var history = await Json(await _http.GetAsync("/api/workflows/story/runs"));
        var events = await _http.GetFromJsonAsync<List<RunEventMessage>>($"/api/runs/{run.RunId}/events?after=2");

        Assert.Equal(("succeeded", run.RunId), (history[0].GetProperty("status").GetString(), history[0].GetProperty("id").GetString()));
        Assert.Equal(3, events![0].Event.Sequence);
        Assert.True(events[^1].Event.IsTerminal);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/runs/nope/events")).StatusCode);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
