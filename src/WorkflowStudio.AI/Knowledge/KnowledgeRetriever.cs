using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Knowledge;

/// <summary>The Retrieval node's port: hybrid (vector + BM25) or vector-only search of a knowledge base.</summary>
public sealed class KnowledgeRetriever(KnowledgeBaseStore store) : IRetriever
{
    public async ValueTask<IReadOnlyList<RetrievedChunk>> SearchAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        var hits = await SearchAsync(query.KnowledgeBase, query.Text, query.TopK, query.MinScore,
            query.Hybrid ? SearchMode.Hybrid : SearchMode.Vector, cancellationToken);
        return hits.Select(h => new RetrievedChunk(h.Chunk.Document, h.Chunk.Index, h.Chunk.Text, Math.Round(h.Score, 4))).ToList();
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string knowledgeBase, string text, int topK, double minScore, SearchMode mode, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("The search query is empty.", nameof(text));
        if (topK is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(topK), topK, "Top k must be between 1 and 1000.");
        var index = await store.GetAsync(knowledgeBase, cancellationToken);
        var vector = mode == SearchMode.Keyword ? [] : store.Embedder.Embed(text, cancellationToken);
        return index.Search(text, vector, topK, minScore, mode);
    }

    public string? CheckKnowledgeBase(string name) =>
        store.Exists(name) ? null : $"There is no knowledge base named '{name}'. Known: {string.Join(", ", store.Names)}.";
}
