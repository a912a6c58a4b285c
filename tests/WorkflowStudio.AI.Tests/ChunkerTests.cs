using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using WorkflowStudio.AI.Knowledge;

namespace WorkflowStudio.AI.Tests;

public sealed class ChunkerTests
{
    [Fact]
    public void Markdown_is_split_on_headings_and_each_chunk_names_its_heading_trail()
    {
        var document = new SourceDocument("guide.md", "# Guide\nIntro sentence.\n## Setup\nPlug it in. Turn it on.\n## Care\nKeep it dry.", IsMarkdown: true);

        var chunks = new Chunker(200, 40).Split(document);

        Assert.Equal(["Guide\nIntro sentence.", "Guide > Setup\nPlug it in. Turn it on.", "Guide > Care\nKeep it dry."], chunks.Select(c => c.Text));
        Assert.Equal([0, 1, 2], chunks.Select(c => c.Index));
        Assert.All(chunks, c => Assert.Equal("guide.md", c.Document));
    }

    [Fact]
    public void Long_text_is_cut_on_sentences_within_the_size_with_whole_sentences_overlapping()
    {
        var sentences = Enumerable.Range(1, 30).Select(i => $"Sentence number {i} says something.").ToList();
        var document = new SourceDocument("long.txt", string.Join(" ", sentences), IsMarkdown: false);

        var chunks = new Chunker(120, 40).Split(document);

        Assert.True(chunks.Count > 5);
        Assert.All(chunks, c => Assert.True(c.Text.Length <= 120, c.Text));
        Assert.All(chunks, c => Assert.EndsWith("says something.", c.Text));
        for (var i = 1; i < chunks.Count; i++)
        {
            var previousLast = chunks[i - 1].Text[(chunks[i - 1].Text.LastIndexOf("Sentence", StringComparison.Ordinal))..];
            Assert.StartsWith(previousLast, chunks[i].Text);
        }
        Assert.All(sentences, s => Assert.Contains(chunks, c => c.Text.Contains(s, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_sentence_longer_than_a_chunk_is_cut_on_words()
    {
        var document = new SourceDocument("run-on.txt", string.Join(" ", Enumerable.Repeat("word", 100)), IsMarkdown: false);

        var chunks = new Chunker(50, 0).Split(document);

        Assert.All(chunks, c => Assert.True(c.Text.Length <= 50));
        Assert.Equal(100, chunks.Sum(c => c.Text.Split(' ').Length));
    }

    [Fact]
    public void Pdf_documents_are_read_as_text()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(595, 842);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        page.AddText("The warranty lasts two years.", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        var path = Path.Combine(Path.GetTempPath(), $"ws-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, builder.Build());
        try
        {
            var document = DocumentReader.Read(path, "warranty.pdf");

            Assert.Contains("The warranty lasts two years.", document.Text);
            Assert.False(document.IsMarkdown);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
