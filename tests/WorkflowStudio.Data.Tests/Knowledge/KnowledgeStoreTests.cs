using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Data.Knowledge;

namespace WorkflowStudio.Data.Tests.Knowledge;

/// <summary>Knowledge bases in the studio's real SQLite file: their own tables and migration history, one transaction per change.</summary>
public sealed class KnowledgeStoreTests : IAsyncLifetime
{
    private static readonly KnowledgeBaseSettings Settings = new(700, 150, 0.6, 4);
    private readonly TempDatabase _db = new();

    private IKnowledgeStore Store => _db.Services.GetRequiredService<IKnowledgeStore>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static NewKnowledgeDocument Document(string name, params string[] passages) =>
        new(name, "markdown", "upload", 100, string.Join("\n", passages), [.. passages.Select((p, i) => new EmbeddedChunk(p, Vector(i + 1)))]);

    private static float[] Vector(float seed) => [.. Enumerable.Range(0, 384).Select(i => seed / (i + 1))];

    [Fact]
    public async Task A_base_keeps_its_documents_passages_and_vectors_across_a_restart()
    {
        await Store.CreateAsync("support", Settings);
        await Store.AddDocumentAsync("support", Document("refunds.md", "Refunds take 5 days.", "Refunds go to the card."));
        await Store.AddDocumentAsync("support", Document("phone.md", "Call 0800 123 456."));

        await _db.RestartAsync();

        var contents = await Store.LoadAsync("SUPPORT");
        Assert.Equal("support", contents.Base.Name);
        Assert.Equal(2, contents.Base.DocumentCount);
        Assert.Equal(3, contents.Base.ChunkCount);
        Assert.Equal(["phone.md", "refunds.md", "refunds.md"], contents.Chunks.Select(c => c.Document));
        Assert.Equal(Vector(2), contents.Chunks[2].Vector);
        Assert.Equal(Settings, contents.Base.Settings);
    }

    [Fact]
    public async Task The_tables_have_a_migration_history_of_their_own()
    {
        await Store.CreateAsync("kb", Settings);

        await using var connection = new SqliteConnection($"Data Source={_db.Path}");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT MigrationId FROM __KnowledgeMigrationsHistory";
        Assert.EndsWith("_Knowledge", (string)(await command.ExecuteScalarAsync())!);
        command.CommandText = "SELECT COUNT(*) FROM __EFMigrationsHistory WHERE MigrationId LIKE '%Knowledge%'";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Every_change_raises_the_revision_and_a_document_of_the_same_name_is_replaced()
    {
        var created = await Store.CreateAsync("kb", Settings);
        await Store.AddDocumentAsync("kb", Document("a.md", "one", "two"));
        var afterAdd = Store.Revision("kb");
        await Store.AddDocumentAsync("kb", Document("A.md", "three"));

        Assert.True(afterAdd > created.Revision);
        Assert.True(Store.Revision("kb") > afterAdd);
        var document = Assert.Single(await Store.DocumentsAsync("kb"));
        Assert.Equal(1, document.ChunkCount);
        Assert.Equal(["three"], (await Store.LoadAsync("kb")).Chunks.Select(c => c.Text));
        Assert.Null(Store.Revision("nope"));
    }

    [Fact]
    public async Task Bad_names_settings_and_duplicates_are_refused_with_a_sentence()
    {
        await Store.CreateAsync("kb", Settings);

        Assert.Contains("already a knowledge base named 'KB'", (await Assert.ThrowsAsync<StoreException>(() => Store.CreateAsync("KB", Settings))).Message);
        Assert.Contains("not a usable knowledge base name", (await Assert.ThrowsAsync<StoreException>(() => Store.CreateAsync("../etc", Settings))).Message);
        var bad = await Assert.ThrowsAsync<StoreException>(() => Store.UpdateSettingsAsync("kb", new KnowledgeBaseSettings(10, 20, 2, 0)));
        Assert.Contains("Chunk size must be between", bad.Message);
        Assert.Contains("Hybrid weight", bad.Message);
        Assert.Contains("Default top-k", bad.Message);
        Assert.Equal(StoreErrorKind.NotFound, (await Assert.ThrowsAsync<StoreException>(() => Store.AddDocumentAsync("nope", Document("a.md", "x")))).Kind);
    }

    [Fact]
    public async Task A_re_index_replaces_every_documents_passages_at_once_and_deletes_cascade()
    {
        await Store.CreateAsync("kb", Settings);
        await Store.AddDocumentAsync("kb", Document("a.md", "one", "two"));
        await Store.AddDocumentAsync("kb", Document("b.md", "three"));
        var texts = await Store.DocumentTextsAsync("kb");

        await Store.ReplaceChunksAsync("kb", texts.ToDictionary(t => t.Id, t => (IReadOnlyList<EmbeddedChunk>)[new EmbeddedChunk(t.Text.ToUpperInvariant(), Vector(9))]));

        Assert.Equal(["ONE\nTWO", "THREE"], (await Store.LoadAsync("kb")).Chunks.Select(c => c.Text));
        Assert.True(await Store.DeleteDocumentAsync("kb", "a.md"));
        Assert.False(await Store.DeleteDocumentAsync("kb", "a.md"));
        Assert.Equal(["THREE"], (await Store.LoadAsync("kb")).Chunks.Select(c => c.Text));

        Assert.True(await Store.DeleteAsync("kb"));
        Assert.Empty(Store.Names());
        await using var connection = new SqliteConnection($"Data Source={_db.Path}");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM KnowledgeDocuments) + (SELECT COUNT(*) FROM KnowledgeChunks)";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_folder_import_is_all_or_nothing_and_remembered_after_the_base_is_deleted()
    {
        var broken = Document("b.md", "x") with { Name = new string('n', 300) };
        await Assert.ThrowsAnyAsync<Exception>(() => Store.ImportFolderAsync("docs", Settings, [Document("a.md", "fine"), broken]));
        Assert.Empty(Store.Names());
        Assert.Empty(await Store.ImportedFoldersAsync());

        await Store.ImportFolderAsync("docs", Settings, [Document("a.md", "fine")]);
        await Store.DeleteAsync("docs");

        Assert.Contains("docs", await Store.ImportedFoldersAsync());
    }
}
