using System.Text;
using WorkflowStudio.AI.Knowledge;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Knowledge;
using WorkflowStudio.Studio.Knowledge;

namespace WorkflowStudio.Studio.Tests.Knowledge;

/// <summary>The knowledge library over the real application layer and SQLite file: import, background indexing, query, settings.</summary>
public sealed class KnowledgeLibraryTests : IDisposable
{
    private readonly string _folders = Directory.CreateTempSubdirectory("kb-folders-").FullName;
    private readonly StudioHost _studio;

    public KnowledgeLibraryTests()
    {
        Directory.CreateDirectory(Path.Combine(_folders, "lighthouses"));
        File.WriteAllText(Path.Combine(_folders, "lighthouses", "keepers.md"),
            "# Keepers\n\nThe Skerry Point lighthouse was kept by Mara Olsen for thirty-one years, until the lamp was automated in 1987.\n");
        _studio = new StudioHost(new Dictionary<string, string?> { ["Studio:Knowledge:Directory"] = _folders });
    }

    private KnowledgeLibrary Library => _studio.Get<KnowledgeLibrary>();

    private static DocumentUpload Upload(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_knowledge_folder_is_imported_into_the_database_once_and_searched_from_there()
    {
        var legacy = Path.Combine(_studio.Folder, "knowledge");
        Directory.CreateDirectory(legacy);
        File.WriteAllText(Path.Combine(legacy, "lighthouses.index"), "old index");

        var passages = await Library.QueryAsync("lighthouses", "Who kept the Skerry Point lighthouse?");

        Assert.Contains("Mara Olsen", passages[0].Text);
        Assert.Equal("keepers.md", passages[0].Document);
        var imported = Assert.Single(await Library.ListAsync());
        Assert.Equal(("lighthouses", 1), (imported.Name, imported.DocumentCount));
        Assert.False(Directory.Exists(legacy), "index files beside the database are gone");

        Assert.True(await Library.DeleteAsync("lighthouses"));
        Assert.DoesNotContain("lighthouses", _studio.Get<KnowledgeBaseStore>().Names);
    }

    [Fact]
    public async Task Files_are_indexed_in_the_background_bad_ones_are_refused_with_reasons_and_the_rest_are_searchable()
    {
        await Library.CreateAsync("support");

        var job = await Library.AddDocumentsAsync("support", [
            Upload("phone.md", "# Contact\n\nCall the help line on 0800 555 0199, weekdays from 8 am to 6 pm."),
            Upload("refunds.txt", "Refunds reach your card within 5 working days of the return arriving."),
            Upload("notes.docx", "binary"),
            Upload("empty.md", ""),
            Upload("blank.html", "<html><body><script>x()</script></body></html>"),
        ]);
        var done = await job.Completion;

        Assert.Equal(IndexingState.Completed, done.State);
        Assert.Equal(["phone.md", "refunds.txt"], done.Stored);
        Assert.Equal(1, done.Fraction);
        Assert.Contains(done.Problems, p => p.Document == "notes.docx" && p.Reason.Contains(".docx files are not accepted"));
        Assert.Contains(done.Problems, p => p.Document == "empty.md" && p.Reason == "The file is empty.");
        Assert.Contains(done.Problems, p => p.Document == "blank.html" && p.Reason.Contains("holds no text"));

        var passages = await Library.QueryAsync("support", "What phone number do I call?", topK: 2);
        Assert.Equal("phone.md", passages[0].Document);
        Assert.Equal(1, passages[0].Rank);
        Assert.True(passages[0].Fused >= passages[1].Fused);
        Assert.Equal(0.6 * passages[0].Vector + 0.4 * passages[0].Keyword, passages[0].Fused, 6);
    }

    [Fact]
    public async Task A_cancelled_job_keeps_the_documents_it_stored_and_lists_the_ones_it_left_out()
    {
        await Library.CreateAsync("long", new KnowledgeBaseSettings(60, 0, 0.6, 4));
        var sentences = string.Join(" ", Enumerable.Range(1, 80).Select(i => $"Sentence number {i} is about harbour lights."));
        var job = await Library.AddDocumentsAsync("long", [Upload("a.txt", "Short first note about ferries."), Upload("b.txt", sentences), Upload("c.txt", sentences)]);
        // Cancels as soon as the first batch of the long document is embedded: the state, not the clock, decides.
        job.Changed += j => { if (j.Progress.Current == "b.txt" && j.Progress.PassagesDone > 1) j.Cancel(); };

        var done = await job.Completion;

        Assert.Equal(IndexingState.Cancelled, done.State);
        Assert.Equal(["a.txt"], done.Stored);
        Assert.Equal(["b.txt", "c.txt"], done.Problems.Select(p => p.Document));
        Assert.Equal(["a.txt"], (await Library.DocumentsAsync("long")).Select(d => d.Name));
    }

    [Fact]
    public async Task Changing_the_chunking_re_indexes_and_the_hybrid_weight_changes_the_fused_score()
    {
        await Library.CreateAsync("kb");
        var text = string.Join(" ", Enumerable.Range(1, 30).Select(i => $"Fact {i}: the tide table lists high water at {i} o'clock."));
        await (await Library.AddDocumentsAsync("kb", [Upload("tides.txt", text)])).Completion;
        var before = (await Library.FindAsync("kb"))!.ChunkCount;

        var (saved, reindex) = await Library.UpdateSettingsAsync("kb", new KnowledgeBaseSettings(120, 0, 1.0, 3));
        Assert.NotNull(reindex);
        Assert.Equal(IndexingState.Completed, (await reindex.Completion).State);

        Assert.True((await Library.FindAsync("kb"))!.ChunkCount > before);
        var passages = await Library.QueryAsync("kb", "When is high water?");
        Assert.Equal(3, passages.Count);
        Assert.All(passages, p => Assert.Equal(p.Vector, p.Fused, 6));
        Assert.Equal(3, saved.Settings.TopK);
    }

    [Fact]
    public async Task Asking_an_unknown_base_or_an_empty_question_is_a_clear_error()
    {
        Assert.Contains("no knowledge base named 'nope'", (await Assert.ThrowsAsync<StoreException>(() => Library.QueryAsync("nope", "hi"))).Message);
        await Library.CreateAsync("kb");
        Assert.Contains("Type a question", (await Assert.ThrowsAsync<StoreException>(() => Library.QueryAsync("kb", "  "))).Message);
        Assert.Contains("not an http or https address", (await Assert.ThrowsAsync<StoreException>(() => Library.AddUrlAsync("kb", "file:///etc/passwd"))).Message);
        Assert.Contains("refused", (await Assert.ThrowsAsync<StoreException>(() => Library.AddUrlAsync("kb", "http://127.0.0.1:9/page"))).Message);
    }

    public void Dispose()
    {
        _studio.Dispose();
        Directory.Delete(_folders, recursive: true);
    }
}
