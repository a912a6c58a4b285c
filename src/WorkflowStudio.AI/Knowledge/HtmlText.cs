using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace WorkflowStudio.AI.Knowledge;

/// <summary>
/// The readable text of an HTML page as Markdown: headings become "#" lines (so passages keep their heading trail),
/// paragraphs and list items become lines, and scripts, styles and page chrome are dropped.
/// </summary>
public static class HtmlText
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "template", "nav", "header", "footer", "svg", "form", "iframe" };
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase) { "p", "div", "section", "article", "main", "li", "tr", "br", "pre", "blockquote", "dd", "dt", "table", "ul", "ol" };

    public static string ToMarkdown(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var text = new StringBuilder();
        var title = document.Title?.Trim();
        var root = (INode?)document.Body ?? document.DocumentElement;
        if (!string.IsNullOrEmpty(title) && document.QuerySelector("h1") is null) text.Append("# ").AppendLine(title);
        Append(root, text);
        return Tidy(text.ToString());
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText t)
            {
                text.Append(t.Data.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' '));
                continue;
            }
            if (child is not IElement element || Skipped.Contains(element.LocalName)) continue;
            if (element.LocalName is ['h', >= '1' and <= '6'] heading)
            {
                text.AppendLine().Append('#', heading[1] - '0').Append(' ').AppendLine(element.TextContent.Trim());
                continue;
            }
            var block = Blocks.Contains(element.LocalName);
            if (block) text.AppendLine();
            Append(element, text);
            if (block) text.AppendLine();
        }
    }

    // Collapses runs of spaces and blank lines left by the markup's indentation.
    private static string Tidy(string text)
    {
        var lines = text.Split('\n')
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Where(l => l.Length > 0);
        return string.Join('\n', lines);
    }
}
