using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace WorkflowStudio.AI.Knowledge;

/// <summary>Reads the document formats a knowledge base accepts: plain text, Markdown, HTML and PDF.</summary>
public static class DocumentReader
{
    public static readonly IReadOnlySet<string> Extensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".markdown", ".html", ".htm", ".pdf" };

    public const string Accepted = ".txt, .md, .markdown, .html, .htm and .pdf";

    public static bool IsSupported(string name) => Extensions.Contains(Path.GetExtension(name));

    /// <summary>The file at <paramref name="path"/> as a document called <paramref name="name"/>.</summary>
    /// <exception cref="DocumentException">See <see cref="Read(string, byte[])"/>.</exception>
    public static SourceDocument Read(string path, string name) => Read(name, File.ReadAllBytes(path));

    /// <summary>The document's text, by the extension of its name.</summary>
    /// <exception cref="DocumentException">The type is not accepted, the file cannot be read as that type, or it holds no text.</exception>
    public static SourceDocument Read(string name, byte[] content)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var document = extension switch
        {
            ".txt" => new SourceDocument(name, Decode(content), IsMarkdown: false),
            ".md" or ".markdown" => new SourceDocument(name, Decode(content), IsMarkdown: true),
            ".html" or ".htm" => new SourceDocument(name, HtmlText.ToMarkdown(Decode(content)), IsMarkdown: true),
            ".pdf" => new SourceDocument(name, ReadPdf(name, content), IsMarkdown: false),
            _ => throw new DocumentException($"'{name}' is {(extension.Length == 0 ? "a file without an extension" : $"a {extension} file")}; knowledge bases accept {Accepted}."),
        };
        if (string.IsNullOrWhiteSpace(document.Text)) throw new DocumentException($"'{name}' holds no text.");
        return document;
    }

    // A byte order mark, when there is one, says the encoding; otherwise UTF-8.
    private static string Decode(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static string ReadPdf(string name, byte[] content)
    {
        try
        {
            using var pdf = PdfDocument.Open(content);
            var text = new StringBuilder();
            foreach (var page in pdf.GetPages()) text.AppendLine(ContentOrderTextExtractor.GetText(page));
            return text.ToString();
        }
        catch (Exception e) when (e is PdfDocumentFormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            throw new DocumentException($"'{name}' is not a readable PDF: {e.Message}");
        }
    }
}

/// <summary>A document that cannot be added, with a sentence saying why.</summary>
public sealed class DocumentException(string message) : Exception(message);
