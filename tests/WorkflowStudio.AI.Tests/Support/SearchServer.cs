using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

using WorkflowStudio.Testing.Loopback;

namespace WorkflowStudio.AI.Tests.Support;

/// <summary>
/// Web search services on 127.0.0.1 speaking their own wire formats: SearXNG (GET /searx/search?format=json),
/// Brave (GET /res/v1/web/search, key in X-Subscription-Token) and Tavily (POST /search, key as a bearer token).
/// Each answers two pages about the query, or the status set in <see cref="Status"/>.
/// </summary>
public sealed class SearchServer : IAsyncDisposable
{
    private readonly LoopbackSite _site;

    public SearchServer() => _site = LoopbackSite.Start(app =>
    {
        app.MapGet("/searx/search", (HttpContext c) => Answer(c, q => new JsonObject
        {
            ["query"] = q,
            ["results"] = new JsonArray(Pages(q).Select(p => (JsonNode)new JsonObject { ["title"] = p.Title, ["url"] = p.Url, ["content"] = p.Snippet, ["score"] = 1.5 }).ToArray()),
        }, c.Request.Query["q"]));
        app.MapGet("/res/v1/web/search", (HttpContext c) => Answer(c, q => new JsonObject
        {
            ["type"] = "search",
            ["web"] = new JsonObject
            {
                ["results"] = new JsonArray(Pages(q).Select(p => (JsonNode)new JsonObject { ["title"] = p.Title, ["url"] = p.Url, ["description"] = $"All about <strong>{q}</strong> &amp; more." }).ToArray()),
            },
        }, c.Request.Query["q"]));
        app.MapPost("/search", async (HttpContext c) =>
        {
            var body = JsonNode.Parse(await new StreamReader(c.Request.Body).ReadToEndAsync())!;
            Bodies.Enqueue(body.ToJsonString());
            return Answer(c, q => new JsonObject
            {
                ["query"] = q,
                ["results"] = new JsonArray(Pages(q).Select(p => (JsonNode)new JsonObject { ["title"] = p.Title, ["url"] = p.Url, ["content"] = p.Snippet, ["score"] = 0.9 }).ToArray()),
            }, body["query"]?.GetValue<string>());
        });
    });

    public Uri BaseUri => _site.BaseUri;

    /// <summary>What every request asked for: its method, path and query, and the headers that carry a key.</summary>
    public ConcurrentQueue<(string Method, string PathAndQuery, string? Token, string? Authorization)> Requests { get; } = new();

    public ConcurrentQueue<string> Bodies { get; } = new();

    /// <summary>When set, every request gets this status (and no results).</summary>
    public int? Status { get; set; }

    /// <summary>When set, every request gets this body as JSON.</summary>
    public string? RawBody { get; set; }

    private IResult Answer(HttpContext context, Func<string, JsonObject> answer, string? query)
    {
        Requests.Enqueue((context.Request.Method, context.Request.Path + context.Request.QueryString, context.Request.Headers["X-Subscription-Token"].FirstOrDefault(),
            context.Request.Headers.Authorization.FirstOrDefault()));
        if (Status is { } status) return Results.StatusCode(status);
        if (RawBody is { } raw) return Results.Content(raw, "application/json");
        return Results.Json(answer(query ?? ""));
    }

    private static IEnumerable<(string Title, string Url, string Snippet)> Pages(string query) =>
    [
        ($"{query} explained", $"https://example.org/{Uri.EscapeDataString(query)}", $"A guide to {query}."),
        ($"Buying {query}", $"https://shop.example.com/{Uri.EscapeDataString(query)}", $"What to look for in {query}."),
    ];

    public ValueTask DisposeAsync() => _site.DisposeAsync();
}
