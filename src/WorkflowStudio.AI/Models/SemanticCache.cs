using System.ComponentModel;
using System.Globalization;
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

/// <summary>One segment of a partition's entries, oldest first. Immutable, so the memory level hands out one instance instead of a copy per lookup.</summary>
[ImmutableObject(true)]
public sealed record SemanticEntries(IReadOnlyList<SemanticEntry> Entries);

/// <summary>A partition's segments, numbered <paramref name="First"/> to <paramref name="Last"/> (oldest to newest); only the last is not full.</summary>
[ImmutableObject(true)]
public sealed record SemanticSegments(long First, long Last);

/// <summary>A request as the semantic cache sees it: its partition, and its user message's vector and facts.</summary>
public sealed record SemanticProbe(string Partition, float[] Vector, string Facts);

/// <summary>
/// The semantic cache, for prompt steps that opt in: a stored answer is reused for a user message close in meaning
/// (MiniLM cosine at or above the step's threshold) to one the same step already had answered — same workflow and
/// step, model, parameters, tools, system prompt and earlier turns (all exact, the partition), and the same numbers,
/// names and negation (exact too: meaning alone calls "refund order 1234" and "refund order 5678" the same).
/// Each partition answers from its most recent <see cref="Capacity"/> entries, kept in segments of
/// <see cref="SegmentSize"/> in the same <see cref="HybridCache"/> as the exact cache, and an entry points at the exact
/// cache's answer, so no answer is stored twice. Storing an entry rewrites its partition's newest segment and the small
/// list of segments, not every entry.
/// </summary>
public sealed class SemanticCache(HybridCache cache, Embedder embedder, TimeSpan lifetime, TimeProvider? time = null)
{
    public const int Capacity = 256;

    // A full segment is about 67 KiB of JSON, what a miss writes instead of the whole 534 KiB list. A partition holds
    // up to one segment more than its capacity, so dropping whole segments never drops one of the newest entries.
    public const int SegmentSize = 32;

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
        var entries = await ReadAllAsync(probe.Partition, cancellationToken);
        var oldest = Oldest();
        (string AnswerKey, double Similarity)? best = null;
        foreach (var entry in entries.Skip(entries.Count - Capacity))
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
            var added = new SemanticEntry(MemoryMarshal.AsBytes(probe.Vector.AsSpan()).ToArray(), probe.Facts, answerKey, _time.GetUtcNow().ToUnixTimeMilliseconds());
            var segments = await ReadSegmentsAsync(probe.Partition, cancellationToken) ?? new SemanticSegments(0, 0);
            var last = await ReadSegmentAsync(probe.Partition, segments.Last, cancellationToken);
            if (last.Count >= SegmentSize) (segments, last) = (segments with { Last = segments.Last + 1 }, []);
            // Every segment but the last is full; the oldest goes once the others hold a whole capacity without it.
            var dropped = new List<long>();
            while ((segments.Last - segments.First - 1) * SegmentSize + last.Count + 1 >= Capacity)
            {
                dropped.Add(segments.First);
                segments = segments with { First = segments.First + 1 };
            }
            // The segment before the list that names it, and the dropped ones after: a lookup in between reads a
            // segment it does not know of yet or finds one already gone, and either way never a wrong entry.
            await cache.SetAsync(SegmentKey(probe.Partition, segments.Last), new SemanticEntries([.. last, added]), _entry, cancellationToken: cancellationToken);
            await cache.SetAsync(SegmentsKey(probe.Partition), segments, _entry, cancellationToken: cancellationToken);
            foreach (var gone in dropped) await cache.RemoveAsync(SegmentKey(probe.Partition, gone), cancellationToken);
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

    /// <summary>The partition's entries, oldest first: up to a segment more than <see cref="Capacity"/>.</summary>
    private async ValueTask<IReadOnlyList<SemanticEntry>> ReadAllAsync(string partition, CancellationToken cancellationToken)
    {
        if (await ReadSegmentsAsync(partition, cancellationToken) is not { } segments) return [];
        var entries = new List<SemanticEntry>((int)(segments.Last - segments.First + 1) * SegmentSize);
        for (var segment = segments.First; segment <= segments.Last; segment++) entries.AddRange(await ReadSegmentAsync(partition, segment, cancellationToken));
        return entries;
    }

    private ValueTask<SemanticSegments?> ReadSegmentsAsync(string partition, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync<SemanticSegments?>(SegmentsKey(partition), _ => ValueTask.FromResult<SemanticSegments?>(null), ResponseCache.LookOnly, cancellationToken: cancellationToken);

    // A segment that expired or was dropped reads as empty.
    private async ValueTask<IReadOnlyList<SemanticEntry>> ReadSegmentAsync(string partition, long segment, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync<SemanticEntries?>(SegmentKey(partition, segment), _ => ValueTask.FromResult<SemanticEntries?>(null), ResponseCache.LookOnly,
            cancellationToken: cancellationToken))?.Entries ?? [];

    private static string SegmentsKey(string partition) => partition + ":segments";

    private static string SegmentKey(string partition, long segment) => string.Create(CultureInfo.InvariantCulture, $"{partition}:{segment}");
}
