using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Studio.Monitoring;
using WorkflowStudio.Web.Tests.Deployments;

namespace WorkflowStudio.Web.Tests.Monitoring;

/// <summary>POST /api/v1/runs/{id}/feedback on a real Kestrel server over a real SQLite file.</summary>
public sealed class FeedbackApiTests : IAsyncLifetime
{
    private DeploymentServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await DeploymentServer.StartAsync();
        _http = await _server.ClientAsync();
        _server.Gate.Release();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<string> CallAsync()
    {
        var response = await _http.PostAsJsonAsync(DeploymentServer.CallPath(), new { topic = "a lighthouse" });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
    }

    [Fact]
    public async Task A_thumbs_down_with_a_correction_is_stored_against_the_run_and_its_tag()
    {
        var runId = await CallAsync();

        var response = await _http.PostAsJsonAsync($"/api/v1/runs/{runId}/feedback",
            new { thumbsUp = false, label = "wrong-tone", comment = "too short", correctedOutput = "A lighthouse stands on the cliff." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0d, "production"), (body.GetProperty("score").GetDouble(), body.GetProperty("tag").GetString()));
        var stored = Assert.Single(await _server.Services<RunFeedback>().OfRunAsync(runId));
        Assert.Equal(("A lighthouse stands on the cliff.", "wrong-tone", 1), (stored.Correction, stored.Label, stored.Version));
    }

    [Fact]
    public async Task Bad_feedback_gets_400_with_a_sentence_and_an_unknown_or_unseen_run_gets_404()
    {
        var runId = await CallAsync();

        var outOfRange = await _http.PostAsJsonAsync($"/api/v1/runs/{runId}/feedback", new { score = 7 });
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Contains("between 0 and 1", await outOfRange.Content.ReadAsStringAsync());
        var empty = await _http.PostAsJsonAsync($"/api/v1/runs/{runId}/feedback", new { comment = "no rating" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _http.PostAsJsonAsync("/api/v1/runs/nope/feedback", new { thumbsUp = true })).StatusCode);
        using var other = await _server.ClientAsync(workflows: "another-workflow");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/runs/{runId}/feedback", new { thumbsUp = true })).StatusCode);
        Assert.Empty(await _server.Services<RunFeedback>().OfRunAsync(runId));
    }
}
