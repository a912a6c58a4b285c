using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;

namespace WorkflowStudio.Data.Knowledge;

public sealed class KnowledgeStore(KnowledgeDatabase database, TimeProvider time) : IKnowledgeStore
{
    // Chunks are written in pages so a large document never holds thousands of tracked entities at once.
    private const int Page = 500;

    public IReadOnlyList<string> Names()
    {
        using var db = database.Open();
        return [.. db.Bases.AsNoTracking().OrderBy(b => b.Name).Select(b => b.Name)];
    }

    public long? Revision(string name)
    {
        using var db = database.Open();
        return db.Bases.AsNoTracking().Where(b => b.Name == name).Select(b => (long?)b.Revision).FirstOrDefault();
    }

    public async Task<IReadOnlyList<KnowledgeBaseInfo>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var bases = await db.Bases.AsNoTracking().OrderBy(b => b.Name).ToListAsync(ct);
        var documents = await db.Documents.GroupBy(d => d.BaseId)
            .Select(g => new { BaseId = g.Key, Documents = g.Count(), Chunks = g.Sum(d => d.ChunkCount) })
            .ToDictionaryAsync(g => g.BaseId, ct);
        return [.. bases.Select(b => Info(b, documents.GetValueOrDefault(b.Id)?.Documents ?? 0, documents.GetValueOrDefault(b.Id)?.Chunks ?? 0))];
    }

    public async Task<KnowledgeBaseInfo?> FindAsync(string name, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await db.Bases.AsNoTracking().FirstOrDefaultAsync(b => b.Name == name, ct);
        return row is null ? null : await InfoAsync(db, row, ct);
    }

    public async Task<KnowledgeBaseInfo> CreateAsync(string name, KnowledgeBaseSettings settings, CancellationToken ct = default) =>
        await ImportFolderAsync(name, settings, [], folder: false, ct);

    public Task<KnowledgeBaseInfo> ImportFolderAsync(string name, KnowledgeBaseSettings settings, IReadOnlyList<NewKnowledgeDocument> documents, CancellationToken ct = default) =>
        ImportFolderAsync(name, settings, documents, folder: true, ct);

    private async Task<KnowledgeBaseInfo> ImportFolderAsync(string name, KnowledgeBaseSettings settings, IReadOnlyList<NewKnowledgeDocument> documents, bool folder, CancellationToken ct)
    {
        if (KnowledgeLimits.CheckName(name) is { } badName) throw new StoreException(badName);
        if (KnowledgeLimits.CheckSettings(settings) is { } badSettings) throw new StoreException(badSettings);
        await using var db = await database.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Bases.AnyAsync(b => b.Name == name, ct))
            throw new StoreException($"There is already a knowledge base named '{name}'.", StoreErrorKind.Conflict);
        var now = time.GetUtcNow();
        var row = new KnowledgeBaseRow { Name = name, Revision = 1, CreatedAt = now, UpdatedAt = now };
        Apply(row, settings);
        db.Bases.Add(row);
        if (folder) db.FolderImports.Add(new KnowledgeFolderImportRow { Name = name, ImportedAt = now });
        await db.SaveChangesAsync(ct);
        foreach (var document in documents) await InsertAsync(db, row.Id, document, now, ct);
        await tx.CommitAsync(ct);
        return await InfoAsync(db, row, ct);
    }

    public async Task<IReadOnlySet<string>> ImportedFoldersAsync(CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        return (await db.FolderImports.Select(i => i.Name).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public async Task<KnowledgeBaseInfo> UpdateSettingsAsync(string name, KnowledgeBaseSettings settings, CancellationToken ct = default)
    {
        if (KnowledgeLimits.CheckSettings(settings) is { } bad) throw new StoreException(bad);
        await using var db = await database.OpenAsync(ct);
        var row = await BaseAsync(db, name, ct);
        Apply(row, settings);
        Touch(row);
        await db.SaveChangesAsync(ct);
        return await InfoAsync(db, row, ct);
    }

    public async Task<KnowledgeDocumentInfo> AddDocumentAsync(string baseName, NewKnowledgeDocument document, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await BaseAsync(db, baseName, ct);
        // A document uploaded again replaces the earlier one, passages and all.
        await db.Documents.Where(d => d.BaseId == row.Id && d.Name == document.Name).ExecuteDeleteAsync(ct);
        var stored = await InsertAsync(db, row.Id, document, time.GetUtcNow(), ct);
        Touch(row);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Info(stored);
    }

    public async Task<IReadOnlyList<KnowledgeDocumentInfo>> DocumentsAsync(string baseName, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await BaseAsync(db, baseName, ct);
        var documents = await db.Documents.AsNoTracking().Where(d => d.BaseId == row.Id)
            .Select(d => new { d.Id, d.Name, d.Kind, d.Source, d.SizeBytes, d.ChunkCount, d.AddedAt }).ToListAsync(ct);
        return [.. documents.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .Select(d => new KnowledgeDocumentInfo(d.Id, d.Name, d.Kind, d.Source, d.SizeBytes, d.ChunkCount, d.AddedAt))];
    }

    public async Task<IReadOnlyList<KnowledgeDocumentText>> DocumentTextsAsync(string baseName, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await BaseAsync(db, baseName, ct);
        return await db.Documents.AsNoTracking().Where(d => d.BaseId == row.Id).OrderBy(d => d.Id)
            .Select(d => new KnowledgeDocumentText(d.Id, d.Name, d.Kind, d.Text)).ToListAsync(ct);
    }

    public async Task ReplaceChunksAsync(string baseName, IReadOnlyDictionary<long, IReadOnlyList<EmbeddedChunk>> chunks, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await BaseAsync(db, baseName, ct);
        foreach (var (documentId, passages) in chunks)
        {
            var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == documentId && d.BaseId == row.Id, ct);
            // Deleted while the re-index ran: nothing to replace.
            if (document is null) continue;
            await db.Chunks.Where(c => c.DocumentId == documentId).ExecuteDeleteAsync(ct);
            await InsertChunksAsync(db, row.Id, documentId, passages, ct);
            document.ChunkCount = passages.Count;
        }
        Touch(row);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task<bool> DeleteDocumentAsync(string baseName, string documentName, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await BaseAsync(db, baseName, ct);
        var deleted = await db.Documents.Where(d => d.BaseId == row.Id && d.Name == documentName).ExecuteDeleteAsync(ct);
        if (deleted == 0) return false;
        Touch(row);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        return await db.Bases.Where(b => b.Name == name).ExecuteDeleteAsync(ct) > 0;
    }

    public async Task<KnowledgeBaseContents> LoadAsync(string name, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        // One read transaction, so a writer committing meanwhile cannot mix two revisions into one index.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.Bases.AsNoTracking().FirstOrDefaultAsync(b => b.Name == name, ct)
            ?? throw new StoreException($"There is no knowledge base named '{name}'.", StoreErrorKind.NotFound);
        var chunks = await (from c in db.Chunks.AsNoTracking()
                            join d in db.Documents on c.DocumentId equals d.Id
                            where c.BaseId == row.Id
                            orderby d.Name, c.Ordinal
                            select new { Document = d.Name, c.Ordinal, c.Text, c.Embedding }).ToListAsync(ct);
        var info = await InfoAsync(db, row, ct);
        return new KnowledgeBaseContents(info, [.. chunks.Select(c => new StoredChunk(c.Document, c.Ordinal, c.Text, FromBytes(c.Embedding)))]);
    }

    private static async Task<KnowledgeDocumentRow> InsertAsync(KnowledgeDbContext db, long baseId, NewKnowledgeDocument document, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(document.Name) || document.Name.Length > KnowledgeLimits.DocumentNameLength)
            throw new StoreException($"A document name must be 1 to {KnowledgeLimits.DocumentNameLength} characters.");
        var row = new KnowledgeDocumentRow
        {
            BaseId = baseId, Name = document.Name, Kind = document.Kind, Source = document.Source, Text = document.Text,
            SizeBytes = document.SizeBytes, ChunkCount = document.Chunks.Count, AddedAt = now,
        };
        db.Documents.Add(row);
        await db.SaveChangesAsync(ct);
        await InsertChunksAsync(db, baseId, row.Id, document.Chunks, ct);
        return row;
    }

    private static async Task InsertChunksAsync(KnowledgeDbContext db, long baseId, long documentId, IReadOnlyList<EmbeddedChunk> chunks, CancellationToken ct)
    {
        for (var start = 0; start < chunks.Count; start += Page)
        {
            for (var i = start; i < Math.Min(chunks.Count, start + Page); i++)
            {
                db.Chunks.Add(new KnowledgeChunkRow { BaseId = baseId, DocumentId = documentId, Ordinal = i, Text = chunks[i].Text, Embedding = ToBytes(chunks[i].Vector) });
            }
            await db.SaveChangesAsync(ct);
            foreach (var entry in db.ChangeTracker.Entries<KnowledgeChunkRow>().ToList()) entry.State = EntityState.Detached;
        }
    }

    private static async Task<KnowledgeBaseRow> BaseAsync(KnowledgeDbContext db, string name, CancellationToken ct) =>
        await db.Bases.FirstOrDefaultAsync(b => b.Name == name, ct)
        ?? throw new StoreException($"There is no knowledge base named '{name}'.", StoreErrorKind.NotFound);

    private void Touch(KnowledgeBaseRow row)
    {
        row.Revision++;
        row.UpdatedAt = time.GetUtcNow();
    }

    private static void Apply(KnowledgeBaseRow row, KnowledgeBaseSettings settings)
    {
        row.ChunkSize = settings.ChunkSize;
        row.ChunkOverlap = settings.ChunkOverlap;
        row.VectorWeight = settings.VectorWeight;
        row.TopK = settings.TopK;
    }

    private static async Task<KnowledgeBaseInfo> InfoAsync(KnowledgeDbContext db, KnowledgeBaseRow row, CancellationToken ct)
    {
        var counts = await db.Documents.Where(d => d.BaseId == row.Id).GroupBy(d => d.BaseId)
            .Select(g => new { Documents = g.Count(), Chunks = g.Sum(d => d.ChunkCount) }).FirstOrDefaultAsync(ct);
        return Info(row, counts?.Documents ?? 0, counts?.Chunks ?? 0);
    }

    private static KnowledgeBaseInfo Info(KnowledgeBaseRow row, int documents, int chunks) =>
        new(row.Name, new KnowledgeBaseSettings(row.ChunkSize, row.ChunkOverlap, row.VectorWeight, row.TopK), documents, chunks, row.Revision, row.CreatedAt, row.UpdatedAt);

    private static KnowledgeDocumentInfo Info(KnowledgeDocumentRow row) =>
        new(row.Id, row.Name, row.Kind, row.Source, row.SizeBytes, row.ChunkCount, row.AddedAt);

    private static byte[] ToBytes(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    private static float[] FromBytes(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();
}
