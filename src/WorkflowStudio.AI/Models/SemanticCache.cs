using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Text;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Models;

/// <summary>One answered user message: its MiniLM vector (384 floats as bytes), a hash of its exact facts, and the exact cache key of its answer.</summary>
public sealed record SemanticEntry(byte[] Vector, string Facts, string AnswerKey, long StoredAtMs);

/// <summary>A partition's entries, oldest first. Immutable, so the memory level hands out one instance instead of a copy per lookup.</summary>
[ImmutableObject(true)]
public sealed record SemanticEntries(IReadOnlyList<SemanticEntry> Entries);

/// <summary>A request as the semantic cache sees it: its partition, and its user message's vector and facts.</summary>
public sealed record SemanticProbe(string Partition, float[] Vector, string Facts);

/// <summary>
/// The semantic cache, for prompt steps that opt in: a stored answer is reused for a user message close in meaning
/// (MiniLM cosine at or above the step's threshold) to one the same step already had answered — same workflow and
/// step, model, parameters, tools, system prompt and earlier turns (all exact, the partition), and the same numbers,
/// names and negation (exact too: meaning alone calls "refund order 1234" and "refund order 5678" the same).
/// Each partition keeps its most recent <see cref="Capacity"/> entries as one value in the same
/// <see cref="HybridCache"/> as the exact cache, and an entry points at the exact cache's answer, so no answer is stored twice.
/// </summary>
public sealed class SemanticCache(HybridCache cache, Embedder embedder, TimeSpan lifetime, TimeProvider? time = null)
{
    // A full list is about 534 KiB of JSON: under HybridCache's default 1 MiB payload limit, past which it would not be stored at all.
    public const int Capacity = 256;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly HybridCacheEntryOptions _entry = new() { Expiration = lifetime, LocalCacheExpiration = TimeSpan.FromMinutes(Math.Min(10, lifetime.TotalMinutes)) };

    // Adding reads, appends and writes the partition's list; two answers stored at once in one partition would lose
    // one. A few stripes keep that apart without a lock per partition that is never freed.
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 16).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>The probe for a request whose last message is the user's, or null when there is none to compare.</summary>
    public SemanticProbe? Probe(ModelRequest request, ModelCallScope scope, int variant, CancellationToken cancellationToken)
    {
        if (request.Messages is not [.., { Role: ChatRole.User, Content: var user }]) return null;
        var partition = ResponseCache.Hash("semantic:", request, variant, request.Messages.Take(request.Messages.Count - 1), scope);
        return new SemanticProbe(partition, embedder.Embed(user, cancellationToken), FactsOf(user));
    }

    /// <summary>The exact cache key of the closest stored answer at or above <paramref name="threshold"/>, with its similarity; null when none is.</summary>
    public async ValueTask<(string AnswerKey, double Similarity)?> FindAsync(SemanticProbe probe, double threshold, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(probe.Partition, cancellationToken);
        if (stored is null) return null;
        var oldest = Oldest();
        (string AnswerKey, double Similarity)? best = null;
        foreach (var entry in stored.Entries)
        {
            if (entry.StoredAtMs < oldest || entry.Facts != probe.Facts) continue;
            var similarity = (double)Embedder.Similarity(MemoryMarshal.Cast<byte, float>(entry.Vector), probe.Vector);
            if (similarity >= threshold && similarity > (best?.Similarity ?? double.MinValue)) best = (entry.AnswerKey, similarity);
        }
        return best;
    }

    /// <summary>Remembers that the exact cache holds the answer to <paramref name="probe"/>'s message under <paramref name="answerKey"/>.</summary>
    public async ValueTask AddAsync(SemanticProbe probe, string answerKey, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(probe.Partition) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            var oldest = Oldest();
            var kept = (await ReadAsync(probe.Partition, cancellationToken))?.Entries.Where(e => e.StoredAtMs >= oldest && e.AnswerKey != answerKey) ?? [];
            var added = new SemanticEntry(MemoryMarshal.AsBytes(probe.Vector.AsSpan()).ToArray(), probe.Facts, answerKey, _time.GetUtcNow().ToUnixTimeMilliseconds());
            await cache.SetAsync(probe.Partition, new SemanticEntries([.. kept.TakeLast(Capacity - 1), added]), _entry, cancellationToken: cancellationToken);
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>
    /// What must match exactly between two messages for one's answer to serve the other: the quantities (value and
    /// unit), the names and codes (capitalised words past a sentence's first) and whether it negates. Hashed: only
    /// equality matters, and the entry stays small.
    /// </summary>
    public static string FactsOf(string text)
    {
        var quantities = Facts.Quantities(text).Select(q => q.ToString().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal);
        var names = Facts.Names(text).Order(StringComparer.Ordinal);
        var facts = $"{string.Join('\n', quantities)}\0{string.Join('\n', names)}\0{Facts.IsNegated(text)}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(facts)), 0, 16);
    }

    private long Oldest() => _time.GetUtcNow().ToUnixTimeMilliseconds() - (long)lifetime.TotalMilliseconds;

    private ValueTask<SemanticEntries?> ReadAsync(string partition, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync<SemanticEntries?>(partition, _ => ValueTask.FromResult<SemanticEntries?>(null), ResponseCache.LookOnly, cancellationToken: cancellationToken);
}
