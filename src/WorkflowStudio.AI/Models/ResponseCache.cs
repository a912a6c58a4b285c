using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Models;

/// <summary>What the cache keeps of an answer: enough to give it again, never who asked or what it cost.</summary>
public sealed record CachedAnswer(string Text, string Model, int InputTokens, int OutputTokens, IReadOnlyList<ToolCall> ToolCalls, string? FallbackFrom);

/// <summary>
/// The exact response cache: an answer is reused only for the same model, parameters, messages and tools. It sits on
/// <see cref="HybridCache"/>, so hot answers come from memory and the rest from the second level the host registers
/// (the studio's SQLite table); identical requests in flight at once share one provider call.
/// </summary>
public sealed class ResponseCache(HybridCache cache, TimeSpan lifetime)
{
    // Memory holds an answer for a short while; the database keeps it for the whole lifetime.
    private readonly HybridCacheEntryOptions _entry = new() { Expiration = lifetime, LocalCacheExpiration = TimeSpan.FromMinutes(Math.Min(10, lifetime.TotalMinutes)) };

    // The same, for a key just looked up and missed: neither level is read again before the answer is asked for.
    private readonly HybridCacheEntryOptions _afterMiss = new()
    {
        Expiration = lifetime, LocalCacheExpiration = TimeSpan.FromMinutes(Math.Min(10, lifetime.TotalMinutes)),
        Flags = HybridCacheEntryFlags.DisableLocalCacheRead | HybridCacheEntryFlags.DisableDistributedCacheRead,
    };

    /// <summary>The cached answer, or <paramref name="answer"/>'s, stored for next time; <c>Hit</c> says which. Failures are never stored.</summary>
    public ValueTask<(CachedAnswer Answer, bool Hit)> GetOrAnswerAsync(ModelRequest request, int variant,
        Func<CancellationToken, ValueTask<CachedAnswer>> answer, CancellationToken cancellationToken) =>
        GetOrAnswerAsync(Key(request, variant), answer, cancellationToken);

    /// <inheritdoc cref="GetOrAnswerAsync(ModelRequest, int, Func{CancellationToken, ValueTask{CachedAnswer}}, CancellationToken)"/>
    /// <param name="missed">The caller has just found nothing under <paramref name="key"/> (<see cref="FindAsync"/>), so it is not read again.</param>
    public async ValueTask<(CachedAnswer Answer, bool Hit)> GetOrAnswerAsync(string key,
        Func<CancellationToken, ValueTask<CachedAnswer>> answer, CancellationToken cancellationToken, bool missed = false)
    {
        var asked = false;
        var cached = await cache.GetOrCreateAsync(key, async token =>
        {
            asked = true;
            return await answer(token);
        }, missed ? _afterMiss : _entry, cancellationToken: cancellationToken);
        return (cached, !asked);
    }

    /// <summary>The answer stored under <paramref name="key"/> (a <see cref="Key"/>), or null; a miss stores nothing.</summary>
    public async ValueTask<CachedAnswer?> FindAsync(string key, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync<CachedAnswer?>(key, _ => ValueTask.FromResult<CachedAnswer?>(null), LookOnly, cancellationToken: cancellationToken);

    /// <summary>Reads without ever writing: what a lookup that may miss passes, so the miss is not stored.</summary>
    internal static readonly HybridCacheEntryOptions LookOnly = new() { Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite };

    /// <summary>
    /// A hash of everything that shapes the answer. Streaming and the purpose do not: the same words come back either way.
    /// Hashed, so the key is short and the prompt text never becomes a key anyone can list.
    /// </summary>
    public static string Key(ModelRequest request, int variant) => Hash("answer:", request, variant, request.Messages, scope: null);

    /// <summary>
    /// The same hash over the parameters and the given messages, plus the workflow and step when a scope is given: the
    /// semantic cache's partition, which leaves out the user message it compares by meaning.
    /// </summary>
    internal static string Hash(string prefix, ModelRequest request, int variant, IEnumerable<ChatMessage> messages, ModelCallScope? scope)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (scope is not null)
            {
                json.WriteString("workflow", scope.WorkflowId);
                json.WriteString("step", scope.StepId);
            }
            json.WriteString("model", request.Model);
            json.WriteNumber("temperature", request.Temperature);
            json.WriteNumber("maxTokens", request.MaxTokens);
            json.WriteString("schema", request.JsonSchema);
            if (request.MaxToolRounds is { } rounds) json.WriteNumber("toolRounds", rounds);
            json.WriteNumber("variant", variant);
            json.WriteStartArray("messages");
            foreach (var message in messages)
            {
                json.WriteStartObject();
                json.WriteString("role", message.Role.ToString());
                json.WriteString("content", message.Content);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("tools");
            foreach (var tool in request.Tools)
            {
                json.WriteStartObject();
                json.WriteString("name", tool.Name);
                json.WriteString("description", tool.Description);
                json.WriteString("parameters", tool.ParametersSchema);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return prefix + Convert.ToHexString(SHA256.HashData(buffer.ToArray()));
    }
}
