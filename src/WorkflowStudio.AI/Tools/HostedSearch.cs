using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowStudio.AI.Configuration;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tools;

/// <summary>
/// A search service on the web behind the web.search tool: its request and its answer's shape differ per service;
/// the address rules, time and size caps, key handling and error messages are shared. The key is read from the
/// environment variable the settings name when a search is made, and only ever sent in a request header.
/// </summary>
public abstract partial class HostedSearch(WebSearchOptions search, HttpToolOptions http) : IWebSearchProvider, IDisposable
{
    private readonly GuardedHttp _http = new(new AddressPolicy(http.AllowedNetworks), WebSearchTool.Name);

    public abstract string Name { get; }

    /// <summary>The service's address when the settings give none (null: the settings must give one).</summary>
    public abstract string? DefaultEndpoint { get; }

    /// <summary>Whether the service needs a key (a SearXNG instance usually does not).</summary>
    public abstract bool NeedsKey { get; }

    protected abstract HttpRequestMessage Request(Uri endpoint, string query, int count, string? key);

    protected abstract IEnumerable<WebSearchResult> Results(JsonNode answer);

    public async Task<IReadOnlyList<WebSearchResult>> SearchAsync(string query, int count, CancellationToken cancellationToken)
    {
        var endpoint = _http.Check(search.Endpoint ?? DefaultEndpoint ?? throw new ToolException("no_endpoint",
            $"{WebSearchTool.Name}: {Name} needs Studio:Tools:WebSearch:Endpoint, the address of the instance."));
        var key = search.ApiKeyEnv is { Length: > 0 } variable ? Environment.GetEnvironmentVariable(variable) : null;
        if (NeedsKey && string.IsNullOrEmpty(key))
            throw new ToolException("no_key", $"{WebSearchTool.Name}: {Name} needs a key in the environment variable named by Studio:Tools:WebSearch:ApiKeyEnv" +
                (search.ApiKeyEnv is { Length: > 0 } named ? $" ({named} is not set)." : "."));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(http.TimeoutSeconds));
        try
        {
            using var request = Request(endpoint, query, count, key);
            using var response = await _http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode) throw Failure(response.StatusCode);
            var body = await ReadCappedAsync(response, timeout.Token);
            var answer = ParseOrNull(body) ?? throw new ToolException("search_bad_answer", $"{WebSearchTool.Name}: {Name} answered with something other than JSON.");
            return [.. Results(answer).Where(r => r.Url.Length > 0).Take(count)];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ToolException("timeout", $"{WebSearchTool.Name}: {Name} did not answer within {http.TimeoutSeconds} s.");
        }
        catch (HttpRequestException e)
        {
            if (GuardedHttp.Refusal(e) is { } refused) throw refused;
            throw new ToolException("network", $"{WebSearchTool.Name}: could not reach {Name} at {endpoint.Host}: {e.Message}", e);
        }
    }

    private ToolException Failure(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => new ToolException("search_refused", $"{WebSearchTool.Name}: {Name} refused the request (HTTP {(int)status}); check the key in {search.ApiKeyEnv ?? "the environment"}."),
        429 => new ToolException("search_rate_limited", $"{WebSearchTool.Name}: {Name} says too many searches (HTTP 429); try again later."),
        _ => new ToolException("search_failed", $"{WebSearchTool.Name}: {Name} answered HTTP {(int)status}."),
    };

    private async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (body, length, truncated) = await GuardedHttp.ReadCappedAsync(response, http.MaxResponseBytes, cancellationToken);
        if (truncated)
            throw new ToolException("search_bad_answer", $"{WebSearchTool.Name}: {Name}'s answer is larger than {http.MaxResponseBytes} bytes (Studio:Tools:Http:MaxResponseBytes).");
        return System.Text.Encoding.UTF8.GetString(body, 0, length);
    }

    private static JsonNode? ParseOrNull(string body)
    {
        try
        {
            return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string property of a result, with any markup the service puts in snippets (Brave's &lt;strong&gt;) removed.</summary>
    protected static string Text(JsonNode? result, string property) =>
        result?[property] is JsonValue value && value.TryGetValue<string>(out var text) ? WebUtility.HtmlDecode(Markup().Replace(text, "")).Trim() : "";

    protected static double Number(JsonNode? result, string property) =>
        result?[property] is JsonValue value && value.TryGetValue<double>(out var number) ? number : 0;

    protected static IEnumerable<JsonNode?> Array(JsonNode? node) => node as JsonArray ?? [];

    [GeneratedRegex("<[^>]{0,200}>")]
    private static partial Regex Markup();

    public void Dispose()
    {
        _http.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A SearXNG instance's JSON API: GET /search?q=…&amp;format=json (the instance must allow the json format).</summary>
public sealed class SearxngSearch(WebSearchOptions search, HttpToolOptions http) : HostedSearch(search, http)
{
    public override string Name => "searxng";
    public override string? DefaultEndpoint => null;
    public override bool NeedsKey => false;

    protected override HttpRequestMessage Request(Uri endpoint, string query, int count, string? key)
    {
        // "http://host/searx" and "http://host/searx/" both mean the instance's root.
        var root = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(root, $"search?q={Uri.EscapeDataString(query)}&format=json"));
        if (key is { Length: > 0 }) request.Headers.Authorization = new("Bearer", key);
        return request;
    }

    protected override IEnumerable<WebSearchResult> Results(JsonNode answer) =>
        Array(answer["results"]).Select(r => new WebSearchResult(Text(r, "title"), Text(r, "url"), Text(r, "content"), Number(r, "score")));
}

/// <summary>Brave Search's web API: GET …/res/v1/web/search?q=…&amp;count=… with the key in X-Subscription-Token.</summary>
public sealed class BraveSearch(WebSearchOptions search, HttpToolOptions http) : HostedSearch(search, http)
{
    public override string Name => "brave";
    public override string? DefaultEndpoint => "https://api.search.brave.com/res/v1/web/search";
    public override bool NeedsKey => true;

    protected override HttpRequestMessage Request(Uri endpoint, string query, int count, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, $"?q={Uri.EscapeDataString(query)}&count={count}"));
        request.Headers.Add("X-Subscription-Token", key);
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    protected override IEnumerable<WebSearchResult> Results(JsonNode answer) =>
        Array(answer["web"]?["results"]).Select(r => new WebSearchResult(Text(r, "title"), Text(r, "url"), Text(r, "description"), 0));
}

/// <summary>Tavily's search API: POST …/search with {"query", "max_results"} and the key as a bearer token.</summary>
public sealed class TavilySearch(WebSearchOptions search, HttpToolOptions http) : HostedSearch(search, http)
{
    public override string Name => "tavily";
    public override string? DefaultEndpoint => "https://api.tavily.com/search";
    public override bool NeedsKey => true;

    protected override HttpRequestMessage Request(Uri endpoint, string query, int count, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent(new JsonObject { ["query"] = query, ["max_results"] = count }),
        };
        request.Headers.Authorization = new("Bearer", key);
        return request;
    }

    protected override IEnumerable<WebSearchResult> Results(JsonNode answer) =>
        Array(answer["results"]).Select(r => new WebSearchResult(Text(r, "title"), Text(r, "url"), Text(r, "content"), Number(r, "score")));

    private static StringContent JsonContent(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
