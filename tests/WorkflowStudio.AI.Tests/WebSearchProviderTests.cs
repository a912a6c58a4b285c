using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowStudio.AI.Configuration;
using WorkflowStudio.AI.Tests.Support;
using WorkflowStudio.AI.Tools;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tests;

/// <summary>web.search through real search services' wire formats, served on loopback (allowed here explicitly).</summary>
public sealed class WebSearchProviderTests : IAsyncLifetime
{
    private const string KeyVariable = "WS_TEST_SEARCH_KEY";
    private readonly SearchServer _server = new();
    private static readonly HttpToolOptions Loopback = new() { AllowedNetworks = ["127.0.0.1/32"] };

    public Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(KeyVariable, "sk-search-secret");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private WebSearchOptions Options(string provider, string path) =>
        new() { Provider = provider, Endpoint = new Uri(_server.BaseUri, path).ToString(), ApiKeyEnv = KeyVariable };

    [Fact]
    public async Task Searxng_asks_for_json_and_reads_its_results()
    {
        using var search = new SearxngSearch(Options("searxng", "/searx"), Loopback);

        var results = await search.SearchAsync("heat pumps", 5, CancellationToken.None);

        Assert.Equal(["heat pumps explained", "Buying heat pumps"], results.Select(r => r.Title));
        Assert.Equal("https://example.org/heat%20pumps", results[0].Url);
        Assert.Equal("A guide to heat pumps.", results[0].Snippet);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(("GET", "/searx/search?q=heat%20pumps&format=json"), (request.Method, request.PathAndQuery));
    }

    [Fact]
    public async Task Brave_sends_the_key_in_its_header_and_the_snippets_lose_their_markup()
    {
        using var search = new BraveSearch(Options("brave", "/res/v1/web/search"), Loopback);

        var results = await search.SearchAsync("espresso grinders", 1, CancellationToken.None);

        var result = Assert.Single(results);
        Assert.Equal("All about espresso grinders & more.", result.Snippet);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/res/v1/web/search?q=espresso%20grinders&count=1", request.PathAndQuery);
        Assert.Equal("sk-search-secret", request.Token);
    }

    [Fact]
    public async Task Tavily_posts_the_query_with_the_key_as_a_bearer_token()
    {
        using var search = new TavilySearch(Options("tavily", "/search"), Loopback);

        var results = await search.SearchAsync("solar panels", 3, CancellationToken.None);

        Assert.Equal(2, results.Count);
        Assert.Equal("""{"query":"solar panels","max_results":3}""", Assert.Single(_server.Bodies));
        Assert.Equal("Bearer sk-search-secret", Assert.Single(_server.Requests).Authorization);
    }

    [Fact]
    public async Task The_web_search_tool_uses_the_configured_service_and_never_shows_the_key()
    {
        using var studio = new Studio(new Dictionary<string, string?>
        {
            ["Studio:Tools:WebSearch:Provider"] = "tavily",
            ["Studio:Tools:WebSearch:Endpoint"] = new Uri(_server.BaseUri, "/search").ToString(),
            ["Studio:Tools:WebSearch:ApiKeyEnv"] = KeyVariable,
            ["Studio:Tools:Http:AllowedNetworks:0"] = "127.0.0.1/32",
        });

        var result = await studio.Get<IToolRegistry>().Find(WebSearchTool.Name)!.InvokeAsync(new Dictionary<string, string> { ["query"] = "robot vacuums" }, CancellationToken.None);

        Assert.StartsWith("1. robot vacuums explained — https://example.org/robot%20vacuums", result.Text);
        Assert.DoesNotContain("sk-search-secret", result.Text + result.Json?.ToJsonString());
    }

    [Fact]
    public async Task A_search_service_on_a_private_address_is_refused_unless_allowed()
    {
        using var search = new SearxngSearch(Options("searxng", "/searx"), new HttpToolOptions());

        var refused = await Assert.ThrowsAsync<ToolException>(() => search.SearchAsync("tea", 3, CancellationToken.None));

        Assert.Equal("blocked_address", refused.Code);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(401, "search_refused", "check the key in WS_TEST_SEARCH_KEY")]
    [InlineData(429, "search_rate_limited", "too many searches")]
    [InlineData(502, "search_failed", "HTTP 502")]
    public async Task A_refusal_or_failure_of_the_service_is_a_clear_tool_error(int status, string code, string message)
    {
        _server.Status = status;
        using var search = new BraveSearch(Options("brave", "/res/v1/web/search"), Loopback);

        var failure = await Assert.ThrowsAsync<ToolException>(() => search.SearchAsync("tea", 3, CancellationToken.None));

        Assert.Equal(code, failure.Code);
        Assert.Contains(message, failure.Message);
        Assert.DoesNotContain("sk-search-secret", failure.Message);
    }

    [Fact]
    public async Task An_answer_that_is_not_json_or_a_missing_key_is_a_clear_tool_error()
    {
        _server.RawBody = "<html>maintenance</html>";
        using var search = new SearxngSearch(Options("searxng", "/searx"), Loopback);
        Assert.Equal("search_bad_answer", (await Assert.ThrowsAsync<ToolException>(() => search.SearchAsync("tea", 3, CancellationToken.None))).Code);

        using var keyless = new TavilySearch(Options("tavily", "/search"), Loopback);
        Environment.SetEnvironmentVariable(KeyVariable, null);
        var missing = await Assert.ThrowsAsync<ToolException>(() => keyless.SearchAsync("tea", 3, CancellationToken.None));
        Assert.Equal("no_key", missing.Code);
        Assert.Contains("WS_TEST_SEARCH_KEY is not set", missing.Message);
    }

    [Theory]
    [InlineData("bing", null, null, "Provider must be one of: offline, searxng, brave, tavily")]
    [InlineData("searxng", null, null, "Endpoint is required for searxng")]
    [InlineData("brave", null, null, "ApiKeyEnv must name the environment variable")]
    [InlineData("offline", "ftp://search.example", null, "Endpoint must be an absolute http or https URL")]
    public void Search_settings_are_checked_at_start(string provider, string? endpoint, string? keyEnv, string message)
    {
        using var studio = new Studio(new Dictionary<string, string?>
        {
            ["Studio:Tools:WebSearch:Provider"] = provider,
            ["Studio:Tools:WebSearch:Endpoint"] = endpoint,
            ["Studio:Tools:WebSearch:ApiKeyEnv"] = keyEnv,
        });

        var error = Assert.Throws<OptionsValidationException>(() => studio.Get<IOptions<ToolOptions>>().Value);
        Assert.Contains(message, error.Message);
    }
}
