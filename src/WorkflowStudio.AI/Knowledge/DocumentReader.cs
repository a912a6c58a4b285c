using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace WorkflowStudio.AI.Knowledge;

/// <summary>Reads the document formats a knowledge base accepts: plain text, Markdown and PDF.</summary>
public static class DocumentReader
{
    public static readonly IReadOnlySet<string> Extensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".markdown", ".pdf" };

    public static bool IsSupported(string path) => Extensions.Contains(Path.GetExtension(path));

    public static SourceDocument Read(string path, string name)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".txt" => new SourceDocument(name, File.ReadAllText(path), IsMarkdown: false),
            ".md" or ".markdown" => new SourceDocument(name, File.ReadAllText(path), IsMarkdown: true),
            ".pdf" => new SourceDocument(name, ReadPdf(path), IsMarkdown: false),
            _ => throw new NotSupportedException($"'{name}' is a {extension} file; knowledge bases accept .txt, .md and .pdf."),
        };
    }

    private static string ReadPdf(string path)
    {
        using var pdf = PdfDocument.Open(path);
        var text = new StringBuilder();
        foreach (var page in pdf.GetPages())
        {
            text.AppendLine(ContentOrderTextExtractor.GetText(page));
        }
        return text.ToString();
    }
}
