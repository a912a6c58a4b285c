using System.Text.RegularExpressions;
using WorkflowStudio.AI.Text;

namespace WorkflowStudio.AI.Offline;

/// <summary>
/// Reads the markup that retrieval and search put around context — "[document#chunk]" passage markers,
/// the heading trail a chunk starts with, "1. Title — URL" result lines — so the offline model quotes only
/// the prose and can say where it came from.
/// </summary>
public static partial class ContextMarkup
{
    private const string SourcesLabel = "Sources: ";

    public static IReadOnlyList<ContextSentence> Read(string text)
    {
        var sentences = new List<ContextSentence>();
        string? source = null;
        string? heading = null;
        var lines = text.Split('\n').Select(l => l.Trim()).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            // Passages and results never contain blank lines, so one ends whatever source was being read.
            if (line.Length == 0)
            {
                source = null;
                heading = null;
                continue;
            }
            if (Result().Match(line) is { Success: true } result)
            {
                source = result.Groups["url"].Value;
                heading = result.Groups["title"].Value;
                continue;
            }
            if (Passage().Match(line) is { Success: true } passage)
            {
                source = passage.Groups["document"].Value;
                heading = null;
                line = passage.Groups["rest"].Value;
                // The chunker puts a chunk's heading trail on its first line and the prose on the next.
                if (IsHeading(line) && i + 1 < lines.Length && lines[i + 1].Length > 0 && !StartsEntry(lines[i + 1]))
                {
                    heading = line;
                    continue;
                }
            }
            sentences.AddRange(Sentences.Split(line).Select(s => new ContextSentence(s, source, heading)));
        }
        return sentences;
    }

    /// <summary>The line naming the sources of the quoted sentences, or nothing when none came from a named source.</summary>
    public static string SourcesLine(IEnumerable<ContextSentence> quoted)
    {
        var sources = quoted.Select(q => q.Source).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return sources.Count == 0 ? "" : SourcesLabel + string.Join(", ", sources);
    }

    /// <summary>The answer followed by the line naming the sources of the sentences it quotes, if any has one.</summary>
    public static string WithSourcesLine(string answer, IEnumerable<ContextSentence> quoted) =>
        SourcesLine(quoted) is { Length: > 0 } sources ? answer + "\n\n" + sources : answer;

    /// <summary>The text without a trailing sources line: a citation is not a claim to be checked.</summary>
    public static string WithoutSourcesLine(string text)
    {
        var at = text.LastIndexOf("\n" + SourcesLabel, StringComparison.Ordinal);
        return at >= 0 && text.IndexOf('\n', at + 1) < 0 ? text[..at].TrimEnd() : text;
    }

    // A heading trail ("Billing and refunds > Return policy") or a title has no sentence ending.
    private static bool IsHeading(string line) => line.Length > 0 && !SentenceEnding().IsMatch(line);

    private static bool StartsEntry(string line) => Passage().IsMatch(line) || Result().IsMatch(line);

    [GeneratedRegex(@"^\[(?<document>[^\[\]#\n]+)#\d+\]\s*(?<rest>.*)$")]
    private static partial Regex Passage();

    [GeneratedRegex(@"^\d+\.\s+(?<title>.+?)\s+[—–-]\s+(?<url>https?://\S+)$")]
    private static partial Regex Result();

    [GeneratedRegex(@"[.!?…:;][""'”’)\]]*$")]
    private static partial Regex SentenceEnding();
}
