using System.Text.RegularExpressions;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Text;

namespace WorkflowStudio.AI.Offline;

/// <summary>
/// Finds the context sentence that answers each part of a question: similarity of meaning (MiniLM, of the sentence
/// alone and under its heading) plus exact overlap of the question's terms, quantities and names. A sentence that
/// does not mention a name the question asks about is about a different subject and is never evidence; evidence
/// weaker than <see cref="AnswerableAt"/> is no evidence.
/// </summary>
public sealed partial class EvidenceSelector(Embedder embedder)
{
    /// <summary>
    /// The weakest evidence that still answers. Calibrated on the calibration split of the labelled sets in
    /// tests/WorkflowStudio.AI.Tests/QualitySets (see docs/quality.md), never on their test split.
    /// </summary>
    public const double AnswerableAt = 0.55;

    private const double TermWeight = 0.3;
    private const double QuantityWeight = 0.15;

    public EvidenceSet Select(string question, IReadOnlyList<ContextSentence> context)
    {
        var parts = Parts(question);
        if (context.Count == 0) return new EvidenceSet(parts.Select(p => new Evidence(p, null, 0)).ToList(), null);

        var subjects = context.Select(c => Facts.Words(c.Subject)).ToList();
        var names = Facts.Names(question);
        var unknown = names.FirstOrDefault(n => !subjects.Any(s => s.Contains(n)));
        if (unknown is not null) return new EvidenceSet([], OriginalCase(question, unknown));
        // A name every source mentions (the product or company) cannot tell one passage from another.
        var bySource = context.Select((c, i) => (c.Source, Words: subjects[i])).GroupBy(c => c.Source).ToList();
        var telling = names.Where(n => bySource.Count < 2 || !bySource.All(g => g.Any(c => c.Words.Contains(n)))).ToHashSet();

        var texts = context.Select(c => c.Text).Concat(context.Select(c => c.Heading is null ? c.Text : $"{c.Heading}: {c.Text}")).ToList();
        var vectors = embedder.EmbedMany(texts.Concat(parts).ToList());
        var terms = context.Select(c => Sentences.Terms(c.Subject).ToHashSet(StringComparer.Ordinal)).ToList();
        var quantities = context.Select(c => Facts.Quantities(c.Text)).ToList();

        var evidence = new List<Evidence>();
        for (var p = 0; p < parts.Count; p++)
        {
            var part = parts[p];
            var partVector = vectors[texts.Count + p];
            var partTerms = Sentences.Terms(part).Where(t => !Generic.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
            var partQuantities = Facts.Quantities(part);
            var required = Facts.Names(part).Where(telling.Contains).ToList();
            var best = Enumerable.Range(0, context.Count)
                .Where(i => required.All(subjects[i].Contains))
                .Select(i => (Index: i, Strength: Strength(i)))
                .OrderByDescending(r => r.Strength).ThenBy(r => r.Index)
                .FirstOrDefault((Index: -1, Strength: 0));
            var answered = best.Index >= 0 && best.Strength >= AnswerableAt;
            evidence.Add(new Evidence(part, answered ? context[best.Index] : null, Math.Round(best.Strength, 4)));

            double Strength(int i)
            {
                var similarity = Math.Max(Embedder.Similarity(vectors[i], partVector), Embedder.Similarity(vectors[context.Count + i], partVector));
                var overlap = Overlap(partTerms, terms, i);
                var quantity = partQuantities.Count == 0 ? 0 : partQuantities.Count(q => Facts.Contains(quantities[i], q)) / (double)partQuantities.Count;
                return similarity + TermWeight * overlap + QuantityWeight * quantity;
            }
        }
        return new EvidenceSet(evidence, null);
    }

    /// <summary>The share of the part's terms the sentence's subject has, each weighted by how rare it is in the context.</summary>
    private static double Overlap(IReadOnlyList<string> partTerms, IReadOnlyList<HashSet<string>> terms, int sentence)
    {
        double matched = 0, total = 0;
        foreach (var term in partTerms)
        {
            var weight = Math.Log(1 + terms.Count / (1.0 + terms.Count(t => t.Contains(term))));
            total += weight;
            if (terms[sentence].Contains(term)) matched += weight;
        }
        return total == 0 ? 0 : matched / total;
    }

    /// <summary>The parts of a question that ask different things: "How much does X cost, and how long is Y?" is two.</summary>
    public static IReadOnlyList<string> Parts(string question)
    {
        var parts = PartBreak().Split(question.Trim()).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        // A fragment of two or three words ("and why?") is not a question of its own.
        return parts.Count > 1 && parts.All(p => Sentences.Words(p).Count > 3) ? parts : [question.Trim()];
    }

    private static string OriginalCase(string text, string lowered) =>
        Regex.Match(text, $@"\b{Regex.Escape(lowered)}", RegexOptions.IgnoreCase) is { Success: true } m ? text.Substring(m.Index, lowered.Length) : lowered;

    // Words every question of its kind has; matching them says nothing about which sentence answers.
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "much", "many", "long", "often", "get", "need", "happen", "happens", "kind", "way", "use", "there", "any",
    };

    [GeneratedRegex(@",\s*(?:and|or|but)\s+|;\s*|\?\s+")]
    private static partial Regex PartBreak();
}
