using WorkflowStudio.AI.Configuration;
using WorkflowStudio.AI.Knowledge;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Knowledge;

namespace WorkflowStudio.Studio.Knowledge;

/// <summary>
/// The one home of knowledge bases for every face (the Knowledge page, the CLI): create, list, add documents (files or
/// a URL) with background indexing, change settings, re-index, delete, and try a question. Bad input is refused with a
/// <see cref="StoreException"/> whose message says what to change; a refused file never stops the others.
/// </summary>
public sealed class KnowledgeLibrary(IKnowledgeStore store, KnowledgeRetriever retriever, DocumentIndexer indexer, KnowledgeJobs jobs,
    KnowledgeWarmup warmup, UrlDocuments urls, KnowledgeFolderImport folders, KnowledgeOptions options)
{
    public const int DefaultTopK = 4;

    /// <summary>The largest file a knowledge base takes.</summary>
    public const long MaxDocumentBytes = 20 * 1024 * 1024;

    public static string AcceptedTypes => DocumentReader.Accepted;

    /// <summary>What a new base starts with: the configured chunking, the default hybrid weight and top-k.</summary>
    public KnowledgeBaseSettings Defaults => new(options.ChunkSize, options.ChunkOverlap, KnowledgeIndex.DefaultVectorWeight, DefaultTopK);

    public KnowledgeJobs Jobs => jobs;

    /// <summary>How far loading the knowledge bases and the offline web corpus at start got.</summary>
    public WarmupStatus Warmup => warmup.Status;

    public event Action<WarmupStatus>? WarmupChanged
    {
        add => warmup.Changed += value;
        remove => warmup.Changed -= value;
    }

    // Every read waits for the knowledge folders' one-time import, so an imported base is never missing from a list.
    public async Task<IReadOnlyList<KnowledgeBaseInfo>> ListAsync(CancellationToken ct = default)
    {
        await folders.EnsureImportedAsync(ct);
        return await store.ListAsync(ct);
    }

    public async Task<KnowledgeBaseInfo?> FindAsync(string name, CancellationToken ct = default)
    {
        await folders.EnsureImportedAsync(ct);
        return await store.FindAsync(name, ct);
    }

    public async Task<KnowledgeBaseInfo> CreateAsync(string name, KnowledgeBaseSettings? settings = null, CancellationToken ct = default)
    {
        await folders.EnsureImportedAsync(ct);
        return await store.CreateAsync(name?.Trim() ?? "", settings ?? Defaults, ct);
    }

    public Task<IReadOnlyList<KnowledgeDocumentInfo>> DocumentsAsync(string name, CancellationToken ct = default) => store.DocumentsAsync(name, ct);

    /// <summary>Saves the settings; when the chunk size or overlap changed, the passages are cut again in the background (the returned job).</summary>
    public async Task<(KnowledgeBaseInfo Base, IndexingJob? Reindex)> UpdateSettingsAsync(string name, KnowledgeBaseSettings settings, CancellationToken ct = default)
    {
        var before = await RequireAsync(name, ct);
        var after = await store.UpdateSettingsAsync(before.Name, settings, ct);
        var rechunk = before.Settings.ChunkSize != settings.ChunkSize || before.Settings.ChunkOverlap != settings.ChunkOverlap;
        return (after, rechunk && after.DocumentCount > 0 ? await ReindexAsync(after.Name, ct) : null);
    }

    /// <summary>
    /// Checks each file (type, size, emptiness) and indexes the good ones in the background, one document per transaction;
    /// the job lists the files refused and why.
    /// </summary>
    public async Task<IndexingJob> AddDocumentsAsync(string name, IReadOnlyList<DocumentUpload> uploads, CancellationToken ct = default)
    {
        var info = await RequireAsync(name, ct);
        var refused = new List<DocumentProblem>();
        var accepted = new List<DocumentUpload>();
        foreach (var upload in uploads)
        {
            if (Refusal(upload, accepted) is { } reason) refused.Add(new DocumentProblem(upload.Name, reason));
            else accepted.Add(upload);
        }
        var job = new IndexingJob(info.Name, accepted.Count == 1 ? $"Adding {accepted[0].Name}" : $"Adding {accepted.Count} documents", refused);
        return jobs.Start(job, j => AddAsync(j, info.Name, accepted));
    }

    /// <summary>Fetches a page through the HTTP tool's rules (public addresses only, size and time capped) and adds it.</summary>
    public async Task<IndexingJob> AddUrlAsync(string name, string url, CancellationToken ct = default)
    {
        await RequireAsync(name, ct);
        return await AddDocumentsAsync(name, [await FetchPageAsync(url, ct)], ct);
    }

    /// <summary>A page as a document to add with others, fetched through the HTTP tool's rules.</summary>
    public Task<DocumentUpload> FetchPageAsync(string url, CancellationToken ct = default) => urls.FetchAsync(url, ct);

    /// <summary>Cuts every document again with the base's settings; the old passages stay searchable until the new ones replace them all at once.</summary>
    public async Task<IndexingJob> ReindexAsync(string name, CancellationToken ct = default)
    {
        var info = await RequireAsync(name, ct);
        return jobs.Start(new IndexingJob(info.Name, "Re-indexing", []), j => ReindexAsync(j, info.Name));
    }

    public async Task<bool> DeleteDocumentAsync(string name, string document, CancellationToken ct = default)
    {
        await RequireAsync(name, ct);
        return await store.DeleteDocumentAsync(name, document, ct);
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken ct = default)
    {
        await folders.EnsureImportedAsync(ct);
        jobs.CancelAll(name);
        return await store.DeleteAsync(name, ct);
    }

    /// <summary>The passages a Retrieval step would get for the question, best first, with their scores.</summary>
    public async Task<IReadOnlyList<RankedPassage>> QueryAsync(string name, string question, int? topK = null, SearchMode mode = SearchMode.Hybrid, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(question)) throw new StoreException("Type a question to search for.");
        var info = await RequireAsync(name, ct);
        var k = topK ?? info.Settings.TopK;
        if (k is < 1 or > KnowledgeLimits.MaxTopK) throw new StoreException($"Top-k must be between 1 and {KnowledgeLimits.MaxTopK}.");
        var hits = await retriever.SearchAsync(info.Name, question.Trim(), k, 0, mode, ct);
        return [.. hits.Select((h, i) => new RankedPassage(i + 1, h.Chunk.Document, h.Chunk.Index, h.Chunk.Text, h.Score, h.VectorScore, h.KeywordScore))];
    }

    private async Task<KnowledgeBaseInfo> RequireAsync(string name, CancellationToken ct) =>
        await FindAsync(name, ct) ?? throw new StoreException($"There is no knowledge base named '{name}'.", StoreErrorKind.NotFound);

    /// <summary>The longest document name kept; names are shown in lists and cited in answers.</summary>
    public const int MaxNameLength = 255;

    // Names may hold folders ("guides/setup.md" from the CLI, "host/path" from a page), but never climb out of them or hide characters.
    private static string? Refusal(DocumentUpload upload, List<DocumentUpload> accepted) =>
        upload.Name.Length > MaxNameLength ? $"The file name is {upload.Name.Length:N0} characters; at most {MaxNameLength} are kept."
        : upload.Name.Any(char.IsControl) ? "The file name holds control characters; rename the file."
        : upload.Name.StartsWith('/') || upload.Name.Contains('\\') || upload.Name.Split('/').Contains("..") ? "The file name climbs out of its folder ('/', '\\' or '..'); rename the file."
        : !DocumentReader.IsSupported(upload.Name) ? $"{TypeOf(upload.Name)} not accepted; use {DocumentReader.Accepted}."
        : upload.Content.Length > MaxDocumentBytes ? $"It is {Size(upload.Content.Length)}; the limit is {Size(MaxDocumentBytes)}."
        : upload.Content.Length == 0 ? "The file is empty."
        : accepted.Any(a => a.Name.Equals(upload.Name, StringComparison.OrdinalIgnoreCase)) ? "Another file of this name is in the same upload."
        : null;

    private static string TypeOf(string name) =>
        Path.GetExtension(name) is { Length: > 0 } extension ? $"{extension} files are" : "Files without an extension are";

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MB",
    };

    private async Task AddAsync(IndexingJob job, string name, IReadOnlyList<DocumentUpload> uploads)
    {
        var settings = (await RequireAsync(name, job.Token)).Settings;
        // Every document is read first, so the progress bar knows the total before the first passage is embedded.
        var read = new List<(DocumentUpload Upload, SourceDocument Document, IReadOnlyList<string> Passages)>();
        var problems = new List<DocumentProblem>();
        foreach (var upload in uploads)
        {
            try
            {
                var document = DocumentReader.Read(upload.Name, upload.Content);
                read.Add((upload, document, DocumentIndexer.Passages(document, settings)));
            }
            catch (DocumentException e)
            {
                problems.Add(new DocumentProblem(upload.Name, e.Message));
            }
        }
        job.Update(p => p with { PassagesTotal = read.Sum(r => r.Passages.Count), Problems = [.. p.Problems, .. problems] });
        for (var i = 0; i < read.Count; i++)
        {
            var (upload, document, passages) = read[i];
            job.Update(p => p with { Current = document.Name });
            try
            {
                var chunks = indexer.EmbedPassages(passages, n => job.Update(p => p with { PassagesDone = p.PassagesDone + n }), job.Token);
                // Once embedded, a document is stored whole even if a cancel arrives now.
                await store.AddDocumentAsync(name, new NewKnowledgeDocument(document.Name, DocumentIndexer.KindOf(upload.Name), upload.Source,
                    upload.Content.Length, document.Text, chunks), CancellationToken.None);
                job.Update(p => p with { Stored = [.. p.Stored, document.Name] });
            }
            catch (OperationCanceledException) when (job.Token.IsCancellationRequested)
            {
                var left = read.Skip(i).Select(r => new DocumentProblem(r.Document.Name, "Not added: indexing was cancelled."));
                job.Update(p => p with { Problems = [.. p.Problems, .. left] });
                return;
            }
        }
    }

    private async Task ReindexAsync(IndexingJob job, string name)
    {
        var settings = (await RequireAsync(name, job.Token)).Settings;
        var documents = await store.DocumentTextsAsync(name, job.Token);
        var passages = documents.ToDictionary(d => d.Id, d => DocumentIndexer.Passages(
            new SourceDocument(d.Name, d.Text, IsMarkdown: d.Kind is "markdown" or "html"), settings));
        job.Update(p => p with { PassagesTotal = passages.Values.Sum(p => p.Count) });
        var replaced = new Dictionary<long, IReadOnlyList<EmbeddedChunk>>();
        foreach (var document in documents)
        {
            job.Update(p => p with { Current = document.Name });
            replaced[document.Id] = indexer.EmbedPassages(passages[document.Id], n => job.Update(p => p with { PassagesDone = p.PassagesDone + n }), job.Token);
        }
        await store.ReplaceChunksAsync(name, replaced, CancellationToken.None);
        job.Update(p => p with { Stored = [.. documents.Select(d => d.Name)] });
    }
}
