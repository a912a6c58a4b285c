using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using WorkflowStudio.AI.Embeddings;

namespace WorkflowStudio.AI.Offline;

/// <summary>
/// The offline model's writing: a titled piece with one short section per source of the notes, made of the notes'
/// sentences most about the topic, and a sources line. When the notes hold nothing about the topic it says so
/// plainly instead of dressing "no results" up as an article.
/// </summary>
public sealed partial class ArticleWriter(Embedder embedder)
{
    // Below this MiniLM similarity to the topic a note is about something else.
    private const double OnTopicAt = 0.3;
    // A source whose best note is much less on-topic than the best source's (a neighbouring page that only shares a
    // word or a field) is left out rather than given a section of its own.
    private const double SectionAt = 0.75;
    private const int Sections = 3;
    private const int SentencesPerSection = 2;

    public static bool IsNothingToWrite(string text) => text.StartsWith("No article about ", StringComparison.Ordinal);

    public static string NothingToWrite(string topic) =>
        $"No article about {topic}: the research notes are empty or say nothing about it, so there is nothing to write from. " +
        "Add sources (or search for another keyword) and run it again.";

    public string Write(string topic, IReadOnlyList<ContextSentence> notes)
    {
        // A search that found nothing, or an earlier draft (remembered across the editor's loop) that said so, is no note.
        var usable = notes.Where(n => !NothingFound().IsMatch(n.Text) && !IsNothingToWrite(n.Text) && !Abstention.IsDecline(n.Text)).ToList();
        if (usable.Count == 0) return NothingToWrite(topic);
        var topicVector = embedder.Embed(topic);
        var vectors = embedder.EmbedMany(usable.Select(n => n.Heading is null ? n.Text : $"{n.Heading}: {n.Text}").ToList());
        var onTopic = usable.Select((n, i) => (Note: n, Index: i, Score: (double)Embedder.Similarity(vectors[i], topicVector)))
            .Where(n => n.Score >= OnTopicAt)
            .ToList();
        if (onTopic.Count == 0) return NothingToWrite(topic);

        var best = onTopic.Max(n => n.Score);
        var sections = onTopic.GroupBy(n => n.Note.Source ?? n.Note.Heading ?? "")
            .OrderByDescending(g => g.Max(n => n.Score))
            .Where(g => g.Max(n => n.Score) >= best * SectionAt)
            .Take(Sections)
            .ToList();
        var text = new StringBuilder().Append("# ").AppendLine(Title(topic)).AppendLine();
        foreach (var section in sections)
        {
            var heading = section.First().Note.Heading ?? Title(topic);
            // Best sentences first chosen, then told in the order the source gives them.
            var sentences = section.OrderByDescending(n => n.Score).Take(SentencesPerSection).OrderBy(n => n.Index).Select(n => n.Note.Text);
            text.Append("## ").AppendLine(heading).AppendLine(string.Join(" ", sentences)).AppendLine();
        }
        var sources = ContextMarkup.SourcesLine(sections.SelectMany(s => s.Select(n => n.Note)));
        return (sources.Length == 0 ? text.ToString() : text.Append(sources).ToString()).TrimEnd();
    }

    private static string Title(string topic) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(topic.Trim().TrimEnd('.'));

    // What a search that found nothing returns ("No pages found for …").
    [GeneratedRegex(@"^No (?:pages|results|documents|passages) (?:were )?found\b", RegexOptions.IgnoreCase)]
    private static partial Regex NothingFound();
}
