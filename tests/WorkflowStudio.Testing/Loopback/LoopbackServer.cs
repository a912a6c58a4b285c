using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace WorkflowStudio.Testing.Loopback;

/// <summary>
/// An OpenAI-wire-compatible chat server on 127.0.0.1 (a free port): /v1/chat/completions with and
/// without SSE streaming, tool calls and usage, doing whatever the queued <see cref="Reply"/> says, and
/// failing a chosen share of requests on its own when <see cref="Faults"/> is set. Also serves /hello and /redirect?to=... for the http.request tool's tests.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly LoopbackSite _site;
    private readonly ConcurrentQueue<Reply> _replies = new();
    private int _helloHits;
    private int _chatRequests;
    private readonly ConcurrentDictionary<FaultKind, int> _faults = new();

    public LoopbackServer()
    {
        _site = LoopbackSite.Start(app =>
        {
            app.MapPost("/v1/chat/completions", ChatAsync);
            // Azure OpenAI's shape of the same endpoint: the deployment in the path, the key in an api-key header.
            app.MapPost("/openai/deployments/{deployment}/chat/completions", ChatAsync);
            app.MapGet("/hello", () =>
            {
                Interlocked.Increment(ref _helloHits);
                return "hello from loopback";
            });
            app.MapGet("/redirect", (string to) => Results.Redirect(to));
        });
    }

    public Uri BaseUri => _site.BaseUri;

    public int HelloHits => _helloHits;

    /// <summary>The endpoint to configure an OpenAI-compatible provider with.</summary>
    public string Endpoint => new Uri(BaseUri, "/v1").ToString();

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <summary>Chat completion requests received, faulted ones included.</summary>
    public int ChatRequests => _chatRequests;

    /// <summary>Faults injected at random into requests nothing was queued for; null injects none.</summary>
    public FaultInjection? Faults { get; set; }

    /// <summary>How many of each fault were injected.</summary>
    public IReadOnlyDictionary<FaultKind, int> InjectedFaults => _faults;

    /// <summary>Keep each request body in <see cref="Requests"/>; a long load run turns it off to keep memory flat.</summary>
    public bool KeepRequests { get; set; } = true;

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public ConcurrentQueue<string> Paths { get; } = new();

    /// <summary>How long every chat request waits before it is answered, as a model would think (a benchmark's fixed latency).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Chooses the reply from the request when none is queued; unset, the server says hello.</summary>
    public Func<JsonObject, Reply>? Responder { get; set; }

    public void Enqueue(params Reply[] replies)
    {
        foreach (var reply in replies) _replies.Enqueue(reply);
    }

    /// <summary>Forgets queued replies, the responder and what was received, for the next test sharing this server.</summary>
    public void Reset()
    {
        _replies.Clear();
        Responder = null;
        Requests.Clear();
        Authorizations.Clear();
        Paths.Clear();
    }

    private async Task ChatAsync(HttpContext context)
    {
        var request = (JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync()) as JsonObject)!;
        Interlocked.Increment(ref _chatRequests);
        if (KeepRequests) Requests.Enqueue(request);
        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString() is { Length: > 0 } bearer ? bearer : "api-key " + context.Request.Headers["api-key"]);
        Paths.Enqueue(context.Request.Path.Value ?? "");
        var stream = request["stream"]?.GetValue<bool>() == true;
        var includeUsage = request["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
        var model = request["model"]?.ToString() ?? "test";
        var reply = _replies.TryDequeue(out var next) ? next : Injected(model) ?? Responder?.Invoke(request) ?? new TextReply("Hello from the loopback server.");
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, context.RequestAborted);

        switch (reply)
        {
            case StatusReply status:
                context.Response.StatusCode = status.Status;
                if (status.RetryAfter is not null) context.Response.Headers.RetryAfter = status.RetryAfter;
                if (status.RetryAfterMs is { } ms) context.Response.Headers["retry-after-ms"] = ms.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.Response.WriteAsJsonAsync(new { error = new { message = $"test status {status.Status}", type = "test" } });
                return;
            case HangReply:
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
                return;
            case MalformedReply:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"id\": \"chatcmpl-1\", \"choices\": [ {not json");
                return;
            case CutStreamReply cut:
                await StartStreamAsync(context);
                foreach (var word in Words(cut.Content).Take(3)) await WriteChunkAsync(context, model, new JsonObject { ["content"] = word }, null);
                // Give the client time to read what was sent; an abort right away can discard it unread.
                await Task.Delay(300);
                context.Abort();
                return;
        }

        if (!stream)
        {
            var message = reply switch
            {
                TextReply text => new JsonObject { ["role"] = "assistant", ["content"] = text.Content },
                ToolCallReply call => new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = ToolCalls(call, streaming: false) },
                _ => throw new InvalidOperationException(),
            };
            var (prompt, completion) = reply is TextReply t ? (t.PromptTokens, t.CompletionTokens) : (20, 5);
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["id"] = "chatcmpl-test", ["object"] = "chat.completion", ["created"] = 1_700_000_000, ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = reply is ToolCallReply ? "tool_calls" : "stop" }),
                ["usage"] = Usage(prompt, completion),
            });
            return;
        }

        await StartStreamAsync(context);
        if (reply is TextReply streamed)
        {
            foreach (var word in Words(streamed.Content)) await WriteChunkAsync(context, model, new JsonObject { ["content"] = word }, null);
            await WriteChunkAsync(context, model, new JsonObject(), "stop");
            if (includeUsage) await WriteAsync(context, Chunk(model, null, null, Usage(streamed.PromptTokens, streamed.CompletionTokens)));
        }
        else if (reply is ToolCallReply call)
        {
            await WriteChunkAsync(context, model, new JsonObject { ["role"] = "assistant", ["tool_calls"] = ToolCalls(call, streaming: true) }, null);
            await WriteChunkAsync(context, model, new JsonObject(), "tool_calls");
            if (includeUsage) await WriteAsync(context, Chunk(model, null, null, Usage(20, 5)));
        }
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private Reply? Injected(string model)
    {
        if (Faults is not { } faults || (faults.Model is { } only && only != model) || !faults.Next(out var kind)) return null;
        _faults.AddOrUpdate(kind, 1, (_, n) => n + 1);
        return kind switch
        {
            // As OpenAI does: whole seconds in Retry-After, the precise wait in retry-after-ms.
            FaultKind.RateLimited => new StatusReply(429, "1", faults.RetryAfterMs),
            FaultKind.ServerError => new StatusReply(500),
            FaultKind.Hang => new HangReply(),
            _ => new CutStreamReply("This answer is cut off before it ends"),
        };
    }

    private static JsonArray ToolCalls(ToolCallReply call, bool streaming)
    {
        var entry = new JsonObject
        {
            ["id"] = "call_1", ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = call.Function, ["arguments"] = call.ArgumentsJson },
        };
        if (streaming) entry["index"] = 0;
        return new JsonArray(entry);
    }

    private static JsonObject Usage(int prompt, int completion) =>
        new() { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion };

    private static IEnumerable<string> Words(string text) =>
        text.Split(' ').Select((w, i) => i == 0 ? w : " " + w);

    private static async Task StartStreamAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        await context.Response.Body.FlushAsync();
    }

    private static Task WriteChunkAsync(HttpContext context, string model, JsonObject delta, string? finish) =>
        WriteAsync(context, Chunk(model, delta, finish, null));

    private static JsonObject Chunk(string model, JsonObject? delta, string? finish, JsonObject? usage)
    {
        var chunk = new JsonObject { ["id"] = "chatcmpl-test", ["object"] = "chat.completion.chunk", ["created"] = 1_700_000_000, ["model"] = model };
        chunk["choices"] = delta is null
            ? new JsonArray()
            : new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish });
        if (usage is not null) chunk["usage"] = usage;
        return chunk;
    }

    private static async Task WriteAsync(HttpContext context, JsonObject chunk)
    {
        await context.Response.WriteAsync("data: " + chunk.ToJsonString(JsonSerializerOptions.Default) + "\n\n");
        await context.Response.Body.FlushAsync();
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();
}
