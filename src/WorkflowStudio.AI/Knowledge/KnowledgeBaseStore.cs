using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using WorkflowStudio.AI.Embeddings;

namespace WorkflowStudio.AI.Knowledge;

/// <summary>
/// The knowledge bases the studio can search: every sub-folder of the knowledge directory, plus
/// any registered in code. Each is indexed once (or read from its index file) on first use.
/// </summary>
public sealed class KnowledgeBaseStore(Embedder embedder, Chunker chunker, string sourceDirectory, string indexDirectory, ILogger<KnowledgeBaseStore> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<KnowledgeIndex>>> _indexes = new(StringComparer.OrdinalIgnoreCase);

    public Embedder Embedder => embedder;

    public IReadOnlyList<string> Names =>
        FolderNames().Concat(_indexes.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();

    public bool Exists(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    public async Task<KnowledgeIndex> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!Exists(name))
            throw new ArgumentException($"There is no knowledge base named '{name}'. Known: {Known()}.", nameof(name));
        var lazy = _indexes.GetOrAdd(name, n => new Lazy<Task<KnowledgeIndex>>(() => Task.Run(() => LoadFolder(n))));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            // A failed build (say, a folder briefly unreadable) is tried again on the next search rather than remembered.
            _indexes.TryRemove(KeyValuePair.Create(name, lazy));
            throw;
        }
    }

    /// <summary>Indexes documents given in code as a knowledge base (replacing one of the same name).</summary>
    public KnowledgeIndex Register(string name, IEnumerable<SourceDocument> documents)
    {
        var index = Build(name, documents.ToList(), CancellationToken.None);
        _indexes[name] = new Lazy<Task<KnowledgeIndex>>(Task.FromResult(index));
        return index;
    }

    public KnowledgeIndex Build(string name, IReadOnlyList<SourceDocument> documents, CancellationToken cancellationToken)
    {
        var chunks = documents.SelectMany(chunker.Split).ToList();
        var vectors = embedder.EmbedMany(chunks.Select(c => c.Text).ToList(), cancellationToken);
        var flat = new float[chunks.Count * Embedder.Dimensions];
        for (var i = 0; i < vectors.Length; i++) vectors[i].CopyTo(flat, i * Embedder.Dimensions);
        return new KnowledgeIndex(name, chunks, flat);
    }

    private KnowledgeIndex LoadFolder(string name)
    {
        var folder = Path.Combine(sourceDirectory, name);
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(DocumentReader.IsSupported)
            .Order(StringComparer.Ordinal)
            .ToList();
        var fingerprint = Fingerprint(folder, files);
        var indexPath = Path.Combine(indexDirectory, name + ".index");
        if (IndexFile.TryRead(indexPath, name, fingerprint) is { } stored) return stored;

        var documents = new List<SourceDocument>();
        foreach (var file in files)
        {
            var documentName = Path.GetRelativePath(folder, file).Replace('\\', '/');
            try
            {
                documents.Add(DocumentReader.Read(file, documentName));
            }
            catch (Exception e) when (e is IOException or NotSupportedException or UglyToad.PdfPig.Core.PdfDocumentFormatException)
            {
                logger.LogWarning("Knowledge base {Name}: skipped {Document}: {Reason}", name, documentName, e.Message);
            }
        }
        var index = Build(name, documents, CancellationToken.None);
        IndexFile.Write(indexPath, fingerprint, index);
        logger.LogInformation("Knowledge base {Name}: indexed {Documents} documents into {Chunks} chunks", name, documents.Count, index.Chunks.Count);
        return index;
    }

    private string Fingerprint(string folder, IReadOnlyList<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"minilm-{Embedder.Dimensions}|{chunker.Size}|{chunker.Overlap}\n"));
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private IEnumerable<string> FolderNames() =>
        Directory.Exists(sourceDirectory)
            ? Directory.EnumerateDirectories(sourceDirectory).Select(Path.GetFileName).OfType<string>()
            : [];

    private string Known() => Names.Count == 0 ? "none" : string.Join(", ", Names);
}
