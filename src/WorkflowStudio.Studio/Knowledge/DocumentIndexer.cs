using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Knowledge;
using WorkflowStudio.Data.Knowledge;

namespace WorkflowStudio.Studio.Knowledge;

/// <summary>Cuts a document into passages with a base's settings and embeds them, reporting each batch.</summary>
public sealed class DocumentIndexer(Embedder embedder)
{
    // Small batches keep progress moving and cancellation prompt; MiniLM gains little from larger ones on a CPU.
    private const int Batch = 16;

    public static IReadOnlyList<string> Passages(SourceDocument document, KnowledgeBaseSettings settings) =>
        [.. new Chunker(settings.ChunkSize, settings.ChunkOverlap).Split(document).Select(c => c.Text)];

    /// <summary>The document ready to store; <paramref name="embedded"/> is told how many passages each batch added.</summary>
    public NewKnowledgeDocument Embed(SourceDocument document, string kind, string source, long sizeBytes, KnowledgeBaseSettings settings, Action<int> embedded, CancellationToken ct) =>
        new(document.Name, kind, source, sizeBytes, document.Text, EmbedPassages(Passages(document, settings), embedded, ct));

    public IReadOnlyList<EmbeddedChunk> EmbedPassages(IReadOnlyList<string> passages, Action<int> embedded, CancellationToken ct)
    {
        var chunks = new List<EmbeddedChunk>(passages.Count);
        foreach (var batch in passages.Chunk(Batch))
        {
            ct.ThrowIfCancellationRequested();
            var vectors = embedder.EmbedMany(batch, ct);
            chunks.AddRange(batch.Select((text, i) => new EmbeddedChunk(text, vectors[i])));
            embedded(batch.Length);
        }
        return chunks;
    }

    public static string KindOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".md" or ".markdown" => "markdown",
        ".html" or ".htm" => "html",
        ".pdf" => "pdf",
        _ => "text",
    };
}
