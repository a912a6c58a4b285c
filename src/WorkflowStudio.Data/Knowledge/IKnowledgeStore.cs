namespace WorkflowStudio.Data.Knowledge;

/// <summary>
/// Knowledge bases in the studio's SQLite file. Every change is one transaction and raises the base's revision.
/// Requests naming a missing base, or clashing with a stored one, throw <see cref="StoreException"/> with a sentence.
/// </summary>
public interface IKnowledgeStore
{
    IReadOnlyList<string> Names();

    /// <summary>The base's revision, or null when there is no base of that name.</summary>
    long? Revision(string name);

    Task<IReadOnlyList<KnowledgeBaseInfo>> ListAsync(CancellationToken ct = default);

    Task<KnowledgeBaseInfo?> FindAsync(string name, CancellationToken ct = default);

    Task<KnowledgeBaseInfo> CreateAsync(string name, KnowledgeBaseSettings settings, CancellationToken ct = default);

    /// <summary>Creates a base from a knowledge folder with its documents, and remembers the folder as imported; all or nothing.</summary>
    Task<KnowledgeBaseInfo> ImportFolderAsync(string name, KnowledgeBaseSettings settings, IReadOnlyList<NewKnowledgeDocument> documents, CancellationToken ct = default);

    Task<IReadOnlySet<string>> ImportedFoldersAsync(CancellationToken ct = default);

    /// <summary>Changes the settings; passages already stored stay as they are until <see cref="ReplaceChunksAsync"/>.</summary>
    Task<KnowledgeBaseInfo> UpdateSettingsAsync(string name, KnowledgeBaseSettings settings, CancellationToken ct = default);

    /// <summary>Adds a document with its passages, replacing a document of the same name in that base.</summary>
    Task<KnowledgeDocumentInfo> AddDocumentAsync(string baseName, NewKnowledgeDocument document, CancellationToken ct = default);

    Task<IReadOnlyList<KnowledgeDocumentInfo>> DocumentsAsync(string baseName, CancellationToken ct = default);

    Task<IReadOnlyList<KnowledgeDocumentText>> DocumentTextsAsync(string baseName, CancellationToken ct = default);

    /// <summary>Replaces every document's passages at once (a re-index); documents not in <paramref name="chunks"/> keep theirs.</summary>
    Task ReplaceChunksAsync(string baseName, IReadOnlyDictionary<long, IReadOnlyList<EmbeddedChunk>> chunks, CancellationToken ct = default);

    Task<bool> DeleteDocumentAsync(string baseName, string documentName, CancellationToken ct = default);

    Task<bool> DeleteAsync(string name, CancellationToken ct = default);

    Task<KnowledgeBaseContents> LoadAsync(string name, CancellationToken ct = default);
}
