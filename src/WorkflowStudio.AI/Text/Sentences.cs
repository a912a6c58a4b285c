using System.Text.RegularExpressions;

namespace WorkflowStudio.AI.Text;

/// <summary>Splits prose into sentences and words; shared by chunking, BM25 and the offline model.</summary>
public static partial class Sentences
{
    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            foreach (var part in SentenceEnd().Split(trimmed))
            {
                var sentence = part.Trim();
                if (sentence.Length > 0) sentences.Add(sentence);
            }
        }
        return sentences;
    }

    public static IReadOnlyList<string> Words(string text) =>
        Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();

    /// <summary>Words that carry meaning, for keyword scoring.</summary>
    public static IReadOnlyList<string> Terms(string text) =>
        Words(text).Where(w => !StopWords.Contains(w)).Select(Stem).ToList();

    // A light suffix strip so "widgets"/"widget" and "resetting"/"reset" meet in BM25.
    private static string Stem(string word)
    {
        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal)) return word[..^3];
        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal)) return word[..^2];
        if (word.Length > 4 && word.EndsWith("es", StringComparison.Ordinal) && !word.EndsWith("ses", StringComparison.Ordinal)) return word[..^2];
        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)) return word[..^1];
        return word;
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for", "from", "how", "i", "if",
        "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "so", "that", "the", "their",
        "then", "there", "these", "this", "to", "was", "we", "what", "when", "where", "which", "who", "why", "will",
        "with", "you", "your", "should", "would", "could", "has", "have", "had", "about", "than", "they", "them",
    };

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[""'(\[]?[A-Z0-9])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")]
    private static partial Regex Word();
}
