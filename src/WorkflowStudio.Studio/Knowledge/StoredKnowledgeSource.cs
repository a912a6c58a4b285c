using System.Globalization;
using WorkflowStudio.AI.Knowledge;
using WorkflowStudio.Data.Knowledge;

namespace WorkflowStudio.Studio.Knowledge;

/// <summary>
/// The studio's knowledge bases come from its SQLite store. A knowledge folder not yet imported is offered by name
/// at once and imported the first time anything needs its passages (the warm-up at start, or a search).
/// </summary>
internal sealed class StoredKnowledgeSource(IKnowledgeStore store, KnowledgeFolderImport import) : IKnowledgeSource
{
    public IReadOnlyList<string> Names() =>
        [.. store.Names().Concat(import.Pending()).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];

    public string? Revision(string name)
    {
        if (import.Pending().Contains(name, StringComparer.OrdinalIgnoreCase)) import.EnsureImportedAsync(CancellationToken.None).GetAwaiter().GetResult();
        return store.Revision(name)?.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<KnowledgeIndex> LoadAsync(string name, CancellationToken cancellationToken)
    {
        await import.EnsureImportedAsync(cancellationToken);
        var contents = await store.LoadAsync(name, cancellationToken);
        var chunks = contents.Chunks.Select(c => new KnowledgeChunk(c.Document, c.Ordinal, c.Text)).ToList();
        var vectors = new float[chunks.Count * AI.Embeddings.Embedder.Dimensions];
        for (var i = 0; i < contents.Chunks.Count; i++) contents.Chunks[i].Vector.CopyTo(vectors, i * AI.Embeddings.Embedder.Dimensions);
        return new KnowledgeIndex(contents.Base.Name, chunks, vectors, contents.Base.Settings.VectorWeight);
    }
}
