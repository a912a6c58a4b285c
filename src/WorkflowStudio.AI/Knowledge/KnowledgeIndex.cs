using System.Numerics.Tensors;
using WorkflowStudio.AI.Embeddings;

namespace WorkflowStudio.AI.Knowledge;

/// <summary>
/// A knowledge base in memory: chunks, their unit vectors in one contiguous array (so cosine is a
/// SIMD dot product per row) and a BM25 keyword index.
/// </summary>
public sealed class KnowledgeIndex
{
    /// <summary>Meaning dominates; keywords pull exact product names, codes and numbers up.</summary>
    public const double DefaultVectorWeight = 0.6;

    private readonly float[] _vectors;
    private readonly KeywordIndex _keywords;

    public KnowledgeIndex(string name, IReadOnlyList<KnowledgeChunk> chunks, float[] vectors, double vectorWeight = DefaultVectorWeight)
    {
        if (vectors.Length != chunks.Count * Embedder.Dimensions)
            throw new ArgumentException($"Expected {chunks.Count} vectors of {Embedder.Dimensions} dimensions.", nameof(vectors));
        if (vectorWeight is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(vectorWeight), vectorWeight, "The vector weight must be between 0 and 1.");
        Name = name;
        Chunks = chunks;
        VectorWeight = vectorWeight;
        _vectors = vectors;
        _keywords = new KeywordIndex(chunks.Select(c => c.Text).ToList());
    }

    /// <summary>Chunks and embeds them into an index, batch by batch.</summary>
    public static KnowledgeIndex Embed(string name, IReadOnlyList<KnowledgeChunk> chunks, Embedder embedder, double vectorWeight, CancellationToken cancellationToken)
    {
        var vectors = embedder.EmbedMany(chunks.Select(c => c.Text).ToList(), cancellationToken);
        var flat = new float[chunks.Count * Embedder.Dimensions];
        for (var i = 0; i < vectors.Length; i++) vectors[i].CopyTo(flat, i * Embedder.Dimensions);
        return new KnowledgeIndex(name, chunks, flat, vectorWeight);
    }

    public string Name { get; }

    public IReadOnlyList<KnowledgeChunk> Chunks { get; }

    /// <summary>How much of a hybrid score is the vector score; the rest is the keyword score.</summary>
    public double VectorWeight { get; }

    internal ReadOnlySpan<float> Vectors => _vectors;

    public IReadOnlyList<SearchHit> Search(string query, ReadOnlySpan<float> queryVector, int topK, double minScore, SearchMode mode)
    {
        if (Chunks.Count == 0 || topK <= 0) return [];
        var vector = mode == SearchMode.Keyword ? new double[Chunks.Count] : VectorScores(queryVector);
        var keyword = mode == SearchMode.Vector ? new double[Chunks.Count] : KeywordScores(query);
        var fused = new double[Chunks.Count];
        for (var i = 0; i < fused.Length; i++)
        {
            fused[i] = mode switch
            {
                SearchMode.Vector => vector[i],
                SearchMode.Keyword => keyword[i],
                _ => VectorWeight * vector[i] + (1 - VectorWeight) * keyword[i],
            };
        }
        return [.. TopK(fused, topK, minScore).Select(i => new SearchHit(Chunks[i], fused[i], vector[i], keyword[i]))];
    }

    private double[] VectorScores(ReadOnlySpan<float> queryVector)
    {
        var scores = new double[Chunks.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(_vectors.AsSpan(i * Embedder.Dimensions, Embedder.Dimensions), queryVector);
        }
        return scores;
    }

    // BM25 scaled so the best chunk scores 1, which puts it on the cosine's scale for fusing.
    private double[] KeywordScores(string query)
    {
        var scores = _keywords.Score(query);
        var max = scores.Max();
        if (max > 0) for (var i = 0; i < scores.Length; i++) scores[i] /= max;
        return scores;
    }

    private static List<int> TopK(double[] scores, int topK, double minScore)
    {
        // A min-heap of the best k so far; ties go to the earlier chunk, keeping results deterministic.
        var heap = new PriorityQueue<int, (double Score, int Negated)>();
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] < minScore || scores[i] <= 0) continue;
            heap.Enqueue(i, (scores[i], -i));
            if (heap.Count > topK) heap.Dequeue();
        }
        var best = new List<int>(heap.Count);
        while (heap.TryDequeue(out var index, out _)) best.Add(index);
        best.Reverse();
        return best;
    }
}
