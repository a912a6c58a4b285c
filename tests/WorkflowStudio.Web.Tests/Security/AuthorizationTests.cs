using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Web.Tests.Runs;

namespace WorkflowStudio.Web.Tests.Security;

/// <summary>
/// The API and the hub with a user named by the test: no user, no answer; the author is that user whatever the body
/// claims; and each role meets the application layer's rules through the adapters.
/// </summary>
public sealed class AuthorizationTests : IAsyncLifetime
{
    private RunServer _server = null!;

    public async Task InitializeAsync() => _server = await RunServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Without_a_user_the_api_and_the_hub_refuse()
    {
        using var anonymous = _server.Http(user: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/workflows")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"/api/workflows/{RunServer.WorkflowId}")).StatusCode);
        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => _server.ConnectAsync(user: null));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task The_author_is_the_signed_in_user_not_the_name_the_body_claims()
    {
        using var http = _server.Http("grace", "Editor");
        var body = new { definition = Definition(RunServer.Story with { Description = "calmer" }), message = "m", author = "mallory", basedOn = 1 };
        var saved = await Json(await http.PostAsJsonAsync($"/api/workflows/{RunServer.WorkflowId}/versions", body));
        Assert.Equal("grace", saved.GetProperty("version").GetProperty("summary").GetProperty("author").GetString());

        var tagged = await Json(await http.PutAsJsonAsync($"/api/workflows/{RunServer.WorkflowId}/tags/production", new { version = 2, movedBy = "mallory" }));
        Assert.Equal("grace", tagged.GetProperty("movedBy").GetString());
    }

    [Fact]
    public async Task A_prompt_editor_may_change_a_prompt_but_not_the_graph_a_model_or_a_tag()
    {
        using var http = _server.Http("pat", "PromptEditor");
        var url = $"/api/workflows/{RunServer.WorkflowId}/versions";
        var prompt = RunServer.Story with { Nodes = [.. RunServer.Story.Nodes.Select(n => n is PromptNode { Id: "draft" } p ? p with { User = "Tell a very short story about {{topic}}" } : n)] };
        var promptSaved = await http.PostAsJsonAsync(url, new { definition = Definition(prompt), basedOn = 1 });
        Assert.Equal(HttpStatusCode.Created, promptSaved.StatusCode);

        var model = prompt with { Nodes = [.. prompt.Nodes.Select(n => n is PromptNode { Id: "draft" } p ? p with { Model = "gpt-4o" } : n)] };
        var graph = prompt with { Edges = [.. prompt.Edges.Where(e => e.To != "story")] };
        foreach (var refused in new[] { model, graph })
        {
            var answer = await http.PostAsJsonAsync(url, new { definition = Definition(refused), basedOn = 2 });
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
            Assert.Contains("prompt editor may change prompt texts", (await Json(answer)).GetProperty("detail").GetString());
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PutAsJsonAsync($"/api/workflows/{RunServer.WorkflowId}/tags/production", new { version = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.DeleteAsync($"/api/workflows/{RunServer.WorkflowId}")).StatusCode);
        Assert.Equal(2, (await Json(await http.GetAsync($"/api/workflows/{RunServer.WorkflowId}"))).GetProperty("workflow").GetProperty("latestVersion").GetInt32());
    }

    [Fact]
    public async Task A_viewer_reads_but_may_not_save_or_run()
    {
        using var http = _server.Http("vic", "Viewer");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/workflows")).StatusCode);
        var save = await http.PostAsJsonAsync($"/api/workflows/{RunServer.WorkflowId}/versions",
            new { definition = Definition(RunServer.Story with { Description = "x" }), basedOn = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);

        await using var hub = await _server.ConnectAsync("vic", "Viewer");
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest));
        Assert.Contains("viewer may not start runs", refused.Message);
    }

    private static JsonNode Definition(Workflow workflow) => JsonNode.Parse(WorkflowJson.Serialize(workflow))!;

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
