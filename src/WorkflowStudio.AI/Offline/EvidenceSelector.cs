using System.Text.RegularExpressions;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Text;

namespace WorkflowStudio.AI.Offline;

/// <summary>
/// Finds the context sentence that answers each part of a question: similarity of meaning (MiniLM, of the sentence
/// alone and under its heading) plus exact overlap of the question's terms, quantities and names. A sentence that
/// lacks a name the question asks about and names something else instead is about a different subject and is never
/// evidence; a question naming something the context never mentions has none; evidence weaker than
/// <see cref="AnswerableAt"/> is no evidence.
/// </summary>
public sealed partial class EvidenceSelector(Embedder embedder)
{
    /// <summary>
    /// The weakest evidence that still answers. Calibrated on the calibration split of the labelled sets in
    /// tests/WorkflowStudio.AI.Tests/QualitySets (see docs/quality.md), never on their test split.
    /// </summary>
    public const double AnswerableAt = 0.68;

    private const double TermWeight = 0.3;
    private const double QuantityWeight = 0.15;
    private const double NameWeight = 0.15;

    // Sentences this close to the best are answers a reader could fairly give too.
    private const double NearlyAsGood = 0.1;

    public EvidenceSet Select(string question, IReadOnlyList<ContextSentence> given)
    {
        var parts = Parts(question);
        // A question in the context (an earlier turn, an FAQ heading) asks; it cannot answer.
        var context = given.Where(c => !c.Text.EndsWith('?')).ToList();
        if (context.Count == 0) return new EvidenceSet(parts.Select(p => new Evidence(p, null, 0, [])).ToList(), null);

        var subjects = context.Select(c => Facts.Words(c.Subject)).ToList();
        var names = Facts.Names(question);
        var mentioned = context.SelectMany(c => Facts.CapitalisedWords(c.Subject)).ToHashSet(StringComparer.Ordinal);
        var unknown = names.FirstOrDefault(n => !mentioned.Contains(n));
        if (unknown is not null) return new EvidenceSet([], OriginalCase(question, unknown));
        // A name most sentences are about (the product or company) cannot tell one sentence from another.
        bool Telling(string name) => subjects.Count(s => s.Contains(name)) * 2 < subjects.Count;
        var telling = names.Where(Telling).ToHashSet();
        var contextNames = context.Select(c => Facts.Names(c.Subject).Where(Telling).ToList()).ToList();

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
            var own = Facts.Names(part).Where(telling.Contains).ToList();
            var inherited = telling.Except(own).ToList();
            // A part that names nothing and says "it" or "its" means what the other parts name.
            var required = own.Count == 0 && Pronoun().IsMatch(part) ? inherited : own;
            var ranked = Enumerable.Range(0, context.Count)
                .Where(i => !AboutSomethingElse(i))
                .Select(i => (Index: i, Strength: Strength(i)))
                .OrderByDescending(r => r.Strength).ThenBy(r => r.Index)
                .ToList();
            var best = ranked.FirstOrDefault((Index: -1, Strength: 0));
            var answered = best.Index >= 0 && best.Strength >= AnswerableAt;
            var candidates = answered ? ranked.TakeWhile(r => r.Strength >= best.Strength - NearlyAsGood).Select(r => context[r.Index]).ToList() : [];
            evidence.Add(new Evidence(part, answered ? context[best.Index] : null, Math.Round(best.Strength, 4), candidates));

            // A sentence that lacks a name the part asks about and names something else instead is about a different subject.
            bool AboutSomethingElse(int i) =>
                required.Any(n => !subjects[i].Contains(n)) && contextNames[i].Any(n => !names.Contains(n));

            double Strength(int i)
            {
                var similarity = Math.Max(Embedder.Similarity(vectors[i], partVector), Embedder.Similarity(vectors[context.Count + i], partVector));
                var overlap = Overlap(partTerms, terms, i);
                // A quantity the part asks about ("a 500 Wh battery") counts for the sentences that have it and against those that do not.
                var quantity = partQuantities.Count == 0 ? 0 : partQuantities.Sum(q => Facts.Contains(quantities[i], q) ? 1 : -1) / (double)partQuantities.Count;
                // The other parts' names count too: in "…the Plus plan cost, and how long does it keep versions?" "it" is the Plus plan.
                var named = inherited.Count == 0 ? 0 : inherited.Count(subjects[i].Contains) / (double)inherited.Count;
                return similarity + TermWeight * overlap + QuantityWeight * quantity + NameWeight * named;
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
        // "Where is my refund? I sent it back two weeks ago." asks one thing; the statement beside it is background.
        var asking = parts.Where((p, i) => PromptParts.LooksLikeQuestion(p) || i < parts.Count - 1 && AskedBefore(question, p)).ToList();
        if (asking.Count > 0 && asking.Count < parts.Count) parts = asking;
        // A fragment of two or three words ("and why?") is not a question of its own.
        return parts.Count > 1 && parts.All(p => Sentences.Words(p).Count > 3) ? parts : [parts.Count == 1 ? parts[0] : question.Trim()];
    }

    // The split drops a part's question mark; the question still shows it.
    private static bool AskedBefore(string question, string part) => question.Contains(part + "?", StringComparison.Ordinal);

    private static string OriginalCase(string text, string lowered) =>
        Regex.Match(text, $@"\b{Regex.Escape(lowered)}", RegexOptions.IgnoreCase) is { Success: true } m ? text.Substring(m.Index, lowered.Length) : lowered;

    // Words every question of its kind has; matching them says nothing about which sentence answers.
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "much", "many", "long", "often", "get", "need", "happen", "happens", "kind", "way", "use", "there", "any",
    };

    [GeneratedRegex(@"\b(?:it|its|they|their|them)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pronoun();

    [GeneratedRegex(@",\s*(?:and|or|but)\s+|;\s*|\?\s+")]
    private static partial Regex PartBreak();
}
