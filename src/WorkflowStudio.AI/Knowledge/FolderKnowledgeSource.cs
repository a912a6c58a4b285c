using Microsoft.Extensions.Logging;
using WorkflowStudio.AI.Embeddings;

namespace WorkflowStudio.AI.Knowledge;

/// <summary>
/// Knowledge bases as sub-folders of one folder, indexed in memory when first searched. Hosts without the studio's
/// database use it (the AI tests, the benchmarks); the studio imports these folders into its store instead.
/// </summary>
public sealed class FolderKnowledgeSource(string directory, Embedder embedder, Chunker chunker, ILogger logger) : IKnowledgeSource
{
    public IReadOnlyList<string> Names() => KnowledgeFolder.Names(directory);

    // A folder's documents are read once per process, as before the store existed.
    public string? Revision(string name) => Names().Contains(name, StringComparer.OrdinalIgnoreCase) ? "folder" : null;

    public Task<KnowledgeIndex> LoadAsync(string name, CancellationToken cancellationToken) => Task.Run(() =>
    {
        var documents = KnowledgeFolder.Read(Path.Combine(directory, name), (document, reason) =>
            logger.LogWarning("Knowledge base {Name}: skipped {Document}: {Reason}", name, document, reason));
        var index = KnowledgeIndex.Embed(name, [.. documents.SelectMany(chunker.Split)], embedder, KnowledgeIndex.DefaultVectorWeight, cancellationToken);
        logger.LogInformation("Knowledge base {Name}: indexed {Documents} documents into {Chunks} chunks", name, documents.Count, index.Chunks.Count);
        return index;
    }, cancellationToken);
}
