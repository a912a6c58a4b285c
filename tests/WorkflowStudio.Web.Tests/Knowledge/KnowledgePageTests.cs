using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Studio;
using WorkflowStudio.Studio.Knowledge;
using WorkflowStudio.Web.Knowledge;

namespace WorkflowStudio.Web.Tests.Knowledge;

/// <summary>The Knowledge page over the real application layer and SQLite file: create, upload, refuse, ask, settings, delete.</summary>
public sealed class KnowledgePageTests : StudioTestContext, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("studio-knowledge-page-").FullName;
    private readonly ServiceProvider _studio;

    public KnowledgePageTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StudioPaths.DataDirectoryKey] = _folder }).Build();
        _studio = new ServiceCollection().AddLogging().AddWorkflowStudio(configuration, StudioPaths.From(configuration, _folder, _folder)).BuildServiceProvider();
        Services.AddSingleton(Library);
    }

    private KnowledgeLibrary Library => _studio.GetRequiredService<KnowledgeLibrary>();

    private static InputFileContent File(string name, string text) => InputFileContent.CreateFromText(text, name);

    private IRenderedComponent<KnowledgePage> OpenWithOneBase()
    {
        Library.CreateAsync("help").GetAwaiter().GetResult();
        var page = Render<KnowledgePage>();
        page.WaitForElement("[data-testid=kb-view][data-name=help]");
        return page;
    }

    [Fact]
    public void Creates_a_base_from_its_name_and_refuses_a_bad_name_with_a_sentence()
    {
        var page = Render<KnowledgePage>();
        page.WaitForElement("[data-testid=kb-empty]");

        page.Find("input[data-testid=kb-new-name]").Input("bad name!");
        page.Find("[data-testid=kb-create]").Click();
        page.WaitForAssertion(() => Assert.Contains("not a usable knowledge base name", page.Find("[data-testid=kb-create-error]").TextContent));

        page.Find("input[data-testid=kb-new-name]").Input("support-articles");
        page.Find("[data-testid=kb-create]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=kb-support-articles]")));
        Assert.Empty(page.FindAll("[data-testid=kb-create-error]"));
    }

    [Fact]
    public void Uploads_many_files_indexes_the_good_ones_and_lists_why_the_others_were_refused()
    {
        var page = OpenWithOneBase();

        page.FindComponent<InputFile>().UploadFiles(
            File("phone.md", "# Phone\n\nCall the help desk on 0800 555 0199 on weekdays."),
            File("refunds.txt", "Refunds reach your card within 5 working days."),
            File("slides.pptx", "not text"),
            File("empty.md", ""));

        page.WaitForAssertion(() => Assert.Equal("completed", page.Find("[data-testid=kb-job]").GetAttribute("data-state")));
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=kb-view]").GetAttribute("data-documents")));
        Assert.NotNull(page.Find("[data-testid='kb-document-phone.md']"));
        Assert.NotNull(page.Find("[data-testid='kb-document-refunds.txt']"));
        var problems = page.FindAll("[data-testid=kb-job-problem]").Select(p => p.TextContent).ToList();
        Assert.Contains(problems, p => p.Contains("slides.pptx") && p.Contains(".pptx files are not accepted"));
        Assert.Contains(problems, p => p.Contains("empty.md") && p.Contains("The file is empty."));
        var job = page.Find("[data-testid=kb-job]");
        Assert.Equal(job.GetAttribute("data-total"), job.GetAttribute("data-done"));
        Assert.NotEqual("0", job.GetAttribute("data-total"));
    }

    [Fact]
    public async Task Try_a_question_lists_ranked_passages_with_their_scores_and_source()
    {
        await Library.CreateAsync("help");
        await (await Library.AddDocumentsAsync("help", [
            new DocumentUpload("phone.md", "# Phone\n\nCall the help desk on 0800 555 0199 on weekdays."u8.ToArray()),
            new DocumentUpload("refunds.txt", "Refunds reach your card within 5 working days."u8.ToArray()),
        ])).Completion;
        var page = Render<KnowledgePage>();
        page.WaitForElement("[data-testid=kb-try]");

        page.Find("input[data-testid=kb-question]").Input("What number do I call?");
        page.Find("[data-testid=kb-ask]").Click();

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=kb-passages]").GetAttribute("data-count")));
        var first = page.Find("[data-testid=kb-passage][data-rank='1']");
        Assert.Equal("phone.md", first.GetAttribute("data-document"));
        Assert.Contains("0800 555 0199", first.TextContent);
        Assert.Matches(@"fused 0\.\d{3}", first.QuerySelector("[data-testid=kb-score-fused]")!.TextContent);
        Assert.Matches(@"vector 0\.\d{3}", first.QuerySelector("[data-testid=kb-score-vector]")!.TextContent);
        Assert.Matches(@"keyword [01]\.\d{3}", first.QuerySelector("[data-testid=kb-score-keyword]")!.TextContent);

        page.Find("input[data-testid=kb-question]").Input(" ");
        page.Find("[data-testid=kb-ask]").Click();
        page.WaitForAssertion(() => Assert.Contains("Type a question", page.Find("[data-testid=kb-try-error]").TextContent));
    }

    [Fact]
    public async Task Settings_out_of_range_are_refused_and_nothing_changes()
    {
        var page = OpenWithOneBase();

        page.Find("input[data-testid=kb-chunk-overlap]").Change("5000");
        page.Find("[data-testid=kb-settings-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("Chunk overlap must be at least 0 and below the chunk size", page.Find("[data-testid=kb-settings-message]").TextContent));
        Assert.Equal(Library.Defaults, (await Library.FindAsync("help"))!.Settings);
    }

    [Fact]
    public async Task Deletes_a_document_and_then_the_base_after_a_confirmation()
    {
        await Library.CreateAsync("help");
        await (await Library.AddDocumentsAsync("help", [new DocumentUpload("a.md", "# A\n\nAlpha."u8.ToArray()), new DocumentUpload("b.md", "# B\n\nBeta."u8.ToArray())])).Completion;
        var page = Render<KnowledgePage>();
        page.WaitForElement("[data-testid='kb-document-a.md']");

        page.Find("[data-testid='kb-document-delete-a.md']").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='kb-document-a.md']")));
        Assert.Equal(["b.md"], (await Library.DocumentsAsync("help")).Select(d => d.Name));

        page.Find("[data-testid=kb-delete]").Click();
        Assert.NotNull(await Library.FindAsync("help"));
        page.Find("[data-testid=kb-delete-confirm]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=kb-empty]")));
        Assert.Null(await Library.FindAsync("help"));
    }

    void IDisposable.Dispose()
    {
        _studio.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
