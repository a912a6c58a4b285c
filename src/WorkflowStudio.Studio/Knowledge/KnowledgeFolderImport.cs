using Microsoft.Extensions.Logging;
using WorkflowStudio.AI.Configuration;
using WorkflowStudio.AI.Knowledge;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Knowledge;

namespace WorkflowStudio.Studio.Knowledge;

/// <summary>
/// Moves the knowledge bases of "Studio:Knowledge:Directory" into the database, once each: a folder already imported
/// is left alone even when its base was deleted since. Index files older studios wrote beside the database go.
/// </summary>
public sealed class KnowledgeFolderImport(IKnowledgeStore store, DocumentIndexer indexer, KnowledgeOptions options, ILogger<KnowledgeFolderImport> logger)
{
    private readonly Lock _gate = new();
    private Task? _imported;
    private IReadOnlySet<string>? _done;

    /// <summary>Folders not imported yet (empty once the import ran).</summary>
    public IReadOnlyList<string> Pending()
    {
        if (_imported is { IsCompletedSuccessfully: true }) return [];
        var done = _done ??= store.ImportedFoldersAsync().GetAwaiter().GetResult();
        return [.. KnowledgeFolder.Names(options.Directory).Where(n => !done.Contains(n))];
    }

    public Task EnsureImportedAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            if (_imported is null || _imported.IsFaulted || _imported.IsCanceled) _imported = Task.Run(ImportAsync);
            return _imported.WaitAsync(ct);
        }
    }

    private async Task ImportAsync()
    {
        RemoveLegacyIndexFiles();
        var done = await store.ImportedFoldersAsync();
        foreach (var name in KnowledgeFolder.Names(options.Directory).Where(n => !done.Contains(n)))
        {
            if (KnowledgeLimits.CheckName(name) is { } bad)
            {
                logger.LogWarning("Knowledge folder {Folder} not imported: {Reason}", name, bad);
                continue;
            }
            var settings = new KnowledgeBaseSettings(options.ChunkSize, options.ChunkOverlap, KnowledgeIndex.DefaultVectorWeight, KnowledgeLibrary.DefaultTopK);
            var documents = KnowledgeFolder.Read(Path.Combine(options.Directory, name), (document, reason) =>
                logger.LogWarning("Knowledge folder {Folder}: skipped {Document}: {Reason}", name, document, reason));
            var stored = documents.Select(d => indexer.Embed(d, DocumentIndexer.KindOf(d.Name), "folder", System.Text.Encoding.UTF8.GetByteCount(d.Text), settings, _ => { }, CancellationToken.None)).ToList();
            try
            {
                var imported = await store.ImportFolderAsync(name, settings, stored);
                logger.LogInformation("Imported knowledge folder {Folder}: {Documents} documents, {Chunks} chunks", name, imported.DocumentCount, imported.ChunkCount);
            }
            catch (StoreException e) when (e.Kind == StoreErrorKind.Conflict)
            {
                // A base of that name was made in the browser, or another process imported the folder first.
                logger.LogWarning("Knowledge folder {Folder} not imported: {Reason}", name, e.Message);
            }
        }
        _done = await store.ImportedFoldersAsync();
    }

    private void RemoveLegacyIndexFiles()
    {
        if (!Directory.Exists(options.IndexFolder)) return;
        foreach (var file in Directory.EnumerateFiles(options.IndexFolder, "*.index")) File.Delete(file);
        if (!Directory.EnumerateFileSystemEntries(options.IndexFolder).Any()) Directory.Delete(options.IndexFolder);
    }
}
