using System.Text.RegularExpressions;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Text;

namespace WorkflowStudio.AI.Offline;

/// <summary>
/// Checks an answer's claims against context sentences. Meaning alone would call "The Plus plan costs $14.99"
/// backed by "The Family plan costs $14.99", so a claim is checked against the sentences it most resembles, and a
/// backing sentence must also carry the claim's quantities (value and unit), its names (in it or its heading) and
/// its polarity ("covered" is not backed by "not covered").
/// </summary>
public sealed partial class ClaimChecker(Embedder embedder)
{
    // MiniLM cosine at which a context sentence says much the same as a claim.
    public const double SupportedAt = 0.5;

    // A claim is held to the sentences it resembles most, not to one further down that happens to share a number.
    private const double NearTop = 0.08;

    /// <summary>
    /// Each claim checked whole; one that is not backed whole but joins separate facts ("X costs €49, and Y costs €79")
    /// is checked clause by clause, and is backed when every clause is.
    /// </summary>
    public IReadOnlyList<Claim> Check(IReadOnlyList<string> claims, IReadOnlyList<ContextSentence> context)
    {
        if (claims.Count == 0) return [];
        if (context.Count == 0) return claims.Select(c => new Claim(c, null, 0, "there is no context to back it")).ToList();
        var evidence = new ContextFacts(context, embedder.EmbedMany(context.Select(c => c.Text).ToList()));
        return claims.SelectMany(claim =>
        {
            var whole = CheckOne(claim, evidence);
            var clauses = Clauses(claim);
            if (whole.IsBacked || clauses.Count < 2) return [whole];
            var parts = clauses.Select(c => CheckOne(c, evidence)).ToList();
            return parts.All(p => p.IsBacked) ? parts : [parts.First(p => !p.IsBacked)];
        }).ToList();
    }

    private Claim CheckOne(string claim, ContextFacts evidence)
    {
        var context = evidence.Sentences;
        var text = Unprefixed(claim);
        var vector = embedder.Embed(text);
        var quantities = Facts.Quantities(text);
        var names = Facts.Names(text);
        var negated = Facts.IsNegated(text);
        var ranked = Enumerable.Range(0, context.Count)
            .Select(i => (Index: i, Similarity: (double)Embedder.Similarity(vector, evidence.Vectors[i])))
            .OrderByDescending(r => r.Similarity)
            .ToList();
        var top = ranked[0].Similarity;
        foreach (var (i, similarity) in ranked.TakeWhile(r => r.Similarity >= SupportedAt && r.Similarity >= top - NearTop))
        {
            if (quantities.All(q => Facts.Contains(evidence.Quantities[i], q)) && names.All(evidence.Words[i].Contains) && negated == Facts.IsNegated(context[i].Text))
                return new Claim(claim, context[i], similarity, null);
        }
        var closest = top >= SupportedAt ? context[ranked[0].Index] : null;
        return new Claim(claim, null, top, Problem(quantities, names, evidence, closest, negated));
    }

    /// <summary>The context sentences with what claims are checked against, worked out once per answer.</summary>
    private sealed class ContextFacts(IReadOnlyList<ContextSentence> sentences, float[][] vectors)
    {
        public IReadOnlyList<ContextSentence> Sentences { get; } = sentences;
        public float[][] Vectors { get; } = vectors;
        public List<IReadOnlyList<Quantity>> Quantities { get; } = sentences.Select(c => Facts.Quantities(c.Text)).ToList();
        public List<IReadOnlySet<string>> Words { get; } = sentences.Select(c => Facts.Words(c.Subject)).ToList();
    }

    /// <summary>The claims of an answer's sentence: its clauses when it joins separate facts ("X costs €49, and Y costs €79").</summary>
    public static IReadOnlyList<string> Clauses(string sentence)
    {
        var pieces = ClauseBreak().Split(sentence).Select(p => p.Trim()).ToList();
        if (pieces.Count < 2 || pieces.Any(p => Sentences.Words(p).Count < 3)) pieces = [sentence];
        // A bare "and" joins two facts only when each side carries its own quantity; "between 10 °C and 30 °C" is one.
        return pieces.SelectMany(p =>
        {
            var halves = p.Split(" and ", 2, StringSplitOptions.TrimEntries);
            return halves.Length == 2 && halves.All(h => Sentences.Words(h).Count >= 3 && Facts.Quantities(h).Count > 0) ? halves : [p];
        }).ToList();
    }

    // "Yes, …" and "No, …" answer the question; the claim is what follows.
    private static string Unprefixed(string claim) => YesNo().Replace(claim, "");

    private static string Problem(IReadOnlyList<Quantity> quantities, IReadOnlySet<string> names, ContextFacts evidence, ContextSentence? closest, bool negated)
    {
        if (quantities.FirstOrDefault(q => !evidence.Quantities.Any(c => Facts.Contains(c, q))) is { } invented) return $"it states {invented}, which the context never gives";
        if (names.FirstOrDefault(n => !evidence.Words.Any(w => w.Contains(n))) is { } unknown) return $"it names {unknown}, which the context never mentions";
        if (closest is null) return "nothing in the context says it";
        var quote = JudgeReason.Quote(closest.Text);
        if (negated != Facts.IsNegated(closest.Text)) return $"the context says the opposite: “{quote}”";
        return quantities.Count > 0 ? $"the context says “{quote}”" : $"the closest the context comes is “{quote}”";
    }

    [GeneratedRegex(@"^(?:yes|no)\b[,;:.!]?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex YesNo();

    [GeneratedRegex(@",\s*(?:and|but)\s+|;\s*")]
    private static partial Regex ClauseBreak();
}
