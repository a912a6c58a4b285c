namespace WorkflowStudio.Core.Ports;

/// <summary>Searches a knowledge base; the AI project implements it with MiniLM vectors and BM25.</summary>
public interface IRetriever
{
    ValueTask<IReadOnlyList<RetrievedChunk>> SearchAsync(RetrievalQuery query, CancellationToken cancellationToken);

    /// <summary>A problem with a knowledge base name before any run starts, or null.</summary>
    string? CheckKnowledgeBase(string name) => null;
}

public sealed record RetrievalQuery(string KnowledgeBase, string Text, int TopK, double MinScore, bool Hybrid);

public sealed record RetrievedChunk(string Document, int Chunk, string Text, double Score);
