using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Studio.Knowledge;
using WorkflowStudio.Web.Knowledge;

namespace WorkflowStudio.Web.Tests.Security;

/// <summary>The Knowledge page's drop zone given more files at once than it reads: a sentence, the page still working.</summary>
public sealed class HostileDropTests : StudioTestContext, IDisposable
{
    private readonly TempStudioData _db = new();

    public HostileDropTests() => Services.AddSingleton(_db.Get<KnowledgeLibrary>());

    [Fact]
    public async Task A_drop_of_more_files_than_the_zone_reads_is_refused_with_a_sentence_and_the_page_keeps_working()
    {
        await _db.Get<KnowledgeLibrary>().CreateAsync("help");
        var page = Render<KnowledgePage>();
        page.WaitForElement("[data-testid=kb-view][data-name=help]");

        page.FindComponent<InputFile>().UploadFiles([.. Enumerable.Range(0, DocumentDropZone.MaxFilesPerDrop + 1)
            .Select(i => InputFileContent.CreateFromText($"Note {i}.", $"note-{i}.txt"))]);

        page.WaitForAssertion(() => Assert.Contains($"at most {DocumentDropZone.MaxFilesPerDrop} files", page.Find("[data-testid=kb-upload-error]").TextContent));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("Call the help desk on weekdays.", "phone.txt"));
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=kb-view]").GetAttribute("data-documents")));
    }

    void IDisposable.Dispose() => _db.Dispose();
}
