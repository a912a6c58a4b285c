using System.Text;
using WorkflowStudio.AI.Text;

namespace WorkflowStudio.AI.Knowledge;

/// <summary>
/// Cuts documents into passages of about <see cref="Size"/> characters on heading and sentence
/// boundaries; consecutive passages share up to <see cref="Overlap"/> characters of whole sentences
/// so an answer that straddles a boundary is still found in one passage.
/// </summary>
public sealed record Chunker(int Size, int Overlap)
{
    public IReadOnlyList<KnowledgeChunk> Split(SourceDocument document)
    {
        var chunks = new List<KnowledgeChunk>();
        foreach (var (heading, body) in Sections(document))
        {
            foreach (var text in Pack(heading, Pieces(body)))
            {
                chunks.Add(new KnowledgeChunk(document.Name, chunks.Count, text));
            }
        }
        return chunks;
    }

    private static IEnumerable<(string? Heading, string Body)> Sections(SourceDocument document)
    {
        if (!document.IsMarkdown)
        {
            yield return (null, document.Text);
            yield break;
        }
        // Headings are kept as a trail ("Billing > Refunds") so each chunk says where it came from.
        var trail = new List<(int Level, string Title)>();
        var body = new StringBuilder();
        foreach (var line in document.Text.Split('\n'))
        {
            var level = line.TakeWhile(c => c == '#').Count();
            if (level is > 0 and <= 6 && line.Length > level && line[level] == ' ')
            {
                if (body.Length > 0) yield return (Trail(trail), body.ToString());
                body.Clear();
                trail.RemoveAll(t => t.Level >= level);
                trail.Add((level, line[(level + 1)..].Trim()));
            }
            else
            {
                body.AppendLine(line);
            }
        }
        if (body.Length > 0) yield return (Trail(trail), body.ToString());
    }

    private static string? Trail(List<(int Level, string Title)> trail) =>
        trail.Count == 0 ? null : string.Join(" > ", trail.Select(t => t.Title));

    // Sentences, with any sentence longer than a chunk cut on word boundaries.
    private IEnumerable<string> Pieces(string body)
    {
        foreach (var sentence in Sentences.Split(body))
        {
            if (sentence.Length <= Size)
            {
                yield return sentence;
                continue;
            }
            var piece = new StringBuilder();
            foreach (var word in sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (piece.Length > 0 && piece.Length + word.Length + 1 > Size)
                {
                    yield return piece.ToString();
                    piece.Clear();
                }
                if (piece.Length > 0) piece.Append(' ');
                piece.Append(word);
            }
            if (piece.Length > 0) yield return piece.ToString();
        }
    }

    private IEnumerable<string> Pack(string? heading, IEnumerable<string> pieces)
    {
        var current = new List<string>();
        var length = 0;
        foreach (var piece in pieces)
        {
            if (current.Count > 0 && length + piece.Length + 1 > Size)
            {
                yield return Compose(heading, current);
                var carried = new List<string>();
                var carriedLength = 0;
                for (var i = current.Count - 1; i >= 0 && carriedLength + current[i].Length <= Overlap; i--)
                {
                    carried.Insert(0, current[i]);
                    carriedLength += current[i].Length + 1;
                }
                current = carried;
                length = carriedLength;
            }
            current.Add(piece);
            length += piece.Length + 1;
        }
        if (current.Count > 0) yield return Compose(heading, current);
    }

    /// <summary>A chunk's prose without the heading trail it starts with.</summary>
    public static string Body(string chunkText) =>
        chunkText.IndexOf('\n') is var end and >= 0 ? chunkText[(end + 1)..] : chunkText;

    private static string Compose(string? heading, List<string> sentences) =>
        heading is null ? string.Join(' ', sentences) : heading + "\n" + string.Join(' ', sentences);
}
