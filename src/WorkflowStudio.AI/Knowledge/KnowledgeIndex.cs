using System.Numerics.Tensors;
using WorkflowStudio.AI.Embeddings;

namespace WorkflowStudio.AI.Knowledge;

/// <summary>
/// A knowledge base in memory: chunks, their unit vectors in one contiguous array (so cosine is a
/// SIMD dot product per row) and a BM25 keyword index.
/// </summary>
public sealed class KnowledgeIndex
{
    // Meaning dominates; keywords pull exact product names, codes and numbers up.
    private const double VectorWeight = 0.6;

    private readonly float[] _vectors;
    private readonly KeywordIndex _keywords;

    public KnowledgeIndex(string name, IReadOnlyList<KnowledgeChunk> chunks, float[] vectors)
    {
        if (vectors.Length != chunks.Count * Embedder.Dimensions)
            throw new ArgumentException($"Expected {chunks.Count} vectors of {Embedder.Dimensions} dimensions.", nameof(vectors));
        Name = name;
        Chunks = chunks;
        _vectors = vectors;
        _keywords = new KeywordIndex(chunks.Select(c => c.Text).ToList());
    }

    public string Name { get; }

    public IReadOnlyList<KnowledgeChunk> Chunks { get; }

    internal ReadOnlySpan<float> Vectors => _vectors;

    public IReadOnlyList<SearchHit> Search(string query, ReadOnlySpan<float> queryVector, int topK, double minScore, SearchMode mode)
    {
        if (Chunks.Count == 0 || topK <= 0) return [];
        var scores = mode == SearchMode.Keyword ? new double[Chunks.Count] : VectorScores(queryVector);
        if (mode != SearchMode.Vector)
        {
            var keyword = _keywords.Score(query);
            var max = keyword.Max();
            for (var i = 0; i < scores.Length; i++)
            {
                var normalised = max > 0 ? keyword[i] / max : 0;
                scores[i] = mode == SearchMode.Keyword ? normalised : VectorWeight * scores[i] + (1 - VectorWeight) * normalised;
            }
        }
        return TopK(scores, topK, minScore);
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

    private List<SearchHit> TopK(double[] scores, int topK, double minScore)
    {
        // A min-heap of the best k so far; ties go to the earlier chunk, keeping results deterministic.
        var heap = new PriorityQueue<int, (double Score, int Negated)>();
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] < minScore || scores[i] <= 0) continue;
            heap.Enqueue(i, (scores[i], -i));
            if (heap.Count > topK) heap.Dequeue();
        }
        var hits = new List<SearchHit>(heap.Count);
        while (heap.TryDequeue(out var index, out var priority)) hits.Add(new SearchHit(Chunks[index], priority.Score));
        hits.Reverse();
        return hits;
    }
}
