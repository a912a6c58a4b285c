using System.Net;
using System.Text.Json;
using WorkflowStudio.Web.Api;

namespace WorkflowStudio.Web.Tests.Deployments;

/// <summary>The deployment API describes itself (OpenAPI) and the app renders the description (Scalar), with no key needed to read them.</summary>
public sealed class OpenApiTests : IAsyncLifetime
{
    private DeploymentServer _server = null!;

    public async Task InitializeAsync() => _server = await DeploymentServer.StartAsync();

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task The_OpenAPI_document_lists_the_v1_endpoints_and_the_key_they_need()
    {
        using var http = _server.Anonymous();

        var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/deployments/{workflowId}/{tag}/runs", paths);
        Assert.Contains("/api/v1/runs/{runId}", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task The_API_reference_page_is_served_at_its_documented_path()
    {
        using var http = _server.Anonymous();

        var page = await http.GetAsync(DeploymentEndpoints.ReferencePath);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>WorkflowStudio API</title>", await page.Content.ReadAsStringAsync());
    }
}
