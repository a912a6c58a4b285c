using System.Collections.Concurrent;
using WorkflowStudio.AI.Embeddings;

namespace WorkflowStudio.AI.Knowledge;

/// <summary>
/// The knowledge bases the studio can search: those of its <see cref="IKnowledgeSource"/>, plus any registered in
/// code. Each is loaded into memory on first use and loaded again when the source says its revision changed.
/// </summary>
public sealed class KnowledgeBaseStore(Embedder embedder, Chunker chunker, IKnowledgeSource source)
{
    private readonly ConcurrentDictionary<string, Loaded> _indexes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, KnowledgeIndex> _registered = new(StringComparer.OrdinalIgnoreCase);

    public Embedder Embedder => embedder;

    public IReadOnlyList<string> Names =>
        source.Names().Concat(_registered.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();

    public bool Exists(string name) => _registered.ContainsKey(name) || source.Revision(name) is not null;

    public async Task<KnowledgeIndex> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        if (_registered.TryGetValue(name, out var registered)) return registered;
        var revision = source.Revision(name)
            ?? throw new ArgumentException($"There is no knowledge base named '{name}'. Known: {Known()}.", nameof(name));
        var loaded = _indexes.AddOrUpdate(name,
            n => new Loaded(revision, Load(n)),
            (n, current) => current.Revision == revision && !current.Index.IsFaulted && !current.Index.IsCanceled ? current : new Loaded(revision, Load(n)));
        // A failed load (say, a database briefly locked) is tried again on the next search rather than remembered.
        return await loaded.Index.WaitAsync(cancellationToken);
    }

    /// <summary>Indexes documents given in code as a knowledge base (replacing one of the same name).</summary>
    public KnowledgeIndex Register(string name, IEnumerable<SourceDocument> documents)
    {
        var index = Build(name, documents.ToList(), CancellationToken.None);
        _registered[name] = index;
        return index;
    }

    /// <summary>An index of the documents, cut with the configured chunk size and overlap.</summary>
    public KnowledgeIndex Build(string name, IReadOnlyList<SourceDocument> documents, CancellationToken cancellationToken) =>
        KnowledgeIndex.Embed(name, [.. documents.SelectMany(chunker.Split)], embedder, KnowledgeIndex.DefaultVectorWeight, cancellationToken);

    // Loads run apart from any one search's cancellation, so a cancelled search never spoils the shared load.
    private Task<KnowledgeIndex> Load(string name) => Task.Run(() => source.LoadAsync(name, CancellationToken.None));

    private string Known() => Names is { Count: > 0 } names ? string.Join(", ", names) : "none";

    private sealed record Loaded(string Revision, Task<KnowledgeIndex> Index);
}
