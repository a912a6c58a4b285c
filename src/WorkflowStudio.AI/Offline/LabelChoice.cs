using System.Text.RegularExpressions;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Text;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Offline;

/// <summary>
/// A closed-label instruction ("Reply with exactly one word: BILLING or TECHNICAL") and the labels it allows, each
/// with the description the prompt gives it in brackets ("BILLING (payments, invoices, refunds)"), if any.
/// The offline model answers it with exactly one label, the one most similar in meaning to the text (zero-shot).
/// </summary>
public sealed partial record LabelChoice(IReadOnlyList<string> Labels, IReadOnlyList<string> Descriptions, string Instruction)
{
    public static LabelChoice? From(IReadOnlyList<ChatMessage> messages)
    {
        foreach (var message in messages)
        {
            if (InstructionPattern().Match(message.Content) is not { Success: true } match) continue;
            var options = Option().Matches(match.Groups["options"].Value).ToList();
            if (options.Count < 2) continue;
            return new LabelChoice(
                options.Select(o => o.Groups["label"].Value).ToList(),
                options.Select(o => o.Groups["description"].Success ? o.Groups["description"].Value : o.Groups["label"].Value.ToLowerInvariant()).ToList(),
                match.Value);
        }
        return null;
    }

    /// <summary>The label whose description is closest in meaning to some sentence of the text; ties go to the first label.</summary>
    public string Pick(Embedder embedder, string text)
    {
        var sentences = Sentences.Split(text.Replace(Instruction, " ", StringComparison.Ordinal));
        if (sentences.Count == 0) return Labels[0];
        var sentenceVectors = embedder.EmbedMany(sentences);
        var labelVectors = embedder.EmbedMany(Descriptions);
        var best = Enumerable.Range(0, Labels.Count)
            .MaxBy(l => sentenceVectors.Max(s => Embedder.Similarity(s, labelVectors[l])) + 1e-6 * (Labels.Count - l));
        return Labels[best];
    }

    // "exactly one word: A or B", "one label from A, B or C", "one of: A, B, C", "one of these: A or B". A bare "one of"
    // needs its colon: prose says "one of the most common problems" without asking for a label.
    [GeneratedRegex(@"\b(?:exactly\s+)?one\s+(?:(?:word|label|category)\b[^:\n]*?(?::|\bfrom\b|\bof\b)|of(?:\s+these|\s+the\s+following)?(?:\s+\w+)?\s*:)\s*(?<options>[^\n]+)", RegexOptions.IgnoreCase)]
    private static partial Regex InstructionPattern();

    // A label is one word (letters, digits, "_" or "-"), optionally followed by its description in brackets.
    [GeneratedRegex(@"(?<![\w(])(?<label>[A-Za-z][\w-]*)(?:\s*\((?<description>[^)]*)\))?(?=\s*(?:,|\bor\b|\.|$))")]
    private static partial Regex Option();
}
