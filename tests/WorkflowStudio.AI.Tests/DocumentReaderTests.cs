using System.Text;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using WorkflowStudio.AI.Knowledge;

namespace WorkflowStudio.AI.Tests;

/// <summary>What a knowledge base reads from each accepted file type, and the sentence for a file it cannot use.</summary>
public sealed class DocumentReaderTests
{
    [Fact]
    public void Html_becomes_markdown_with_its_headings_and_without_scripts_or_navigation()
    {
        var html = "<html><head><title>Help</title><style>p{}</style></head><body><nav>Home · Shop</nav><h1>Refunds</h1>"
                   + "<p>Refunds take <b>5 working days</b>.</p><script>track()</script><h2>Damaged parcels</h2><ul><li>Send a photo.</li></ul></body></html>";

        var document = DocumentReader.Read("refunds.html", Encoding.UTF8.GetBytes(html));

        Assert.True(document.IsMarkdown);
        Assert.Equal("# Refunds\nRefunds take 5 working days.\n## Damaged parcels\nSend a photo.", document.Text);
        var chunk = new Chunker(700, 0).Split(document)[0];
        Assert.StartsWith("Refunds\n", chunk.Text);
    }

    [Fact]
    public void A_pdf_is_read_page_by_page()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddText("The lamp was automated in 1987.", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);

        var document = DocumentReader.Read("history.pdf", builder.Build());

        Assert.Contains("The lamp was automated in 1987.", document.Text);
    }

    [Theory]
    [InlineData("notes.docx", "x", "a .docx file; knowledge bases accept .txt, .md, .markdown, .html, .htm and .pdf")]
    [InlineData("README", "x", "a file without an extension")]
    [InlineData("empty.md", "  \n", "'empty.md' holds no text")]
    [InlineData("broken.pdf", "not a pdf", "'broken.pdf' is not a readable PDF")]
    public void A_file_it_cannot_use_is_refused_with_a_sentence(string name, string content, string expected)
    {
        var error = Assert.Throws<DocumentException>(() => DocumentReader.Read(name, Encoding.UTF8.GetBytes(content)));
        Assert.Contains(expected, error.Message);
    }
}
