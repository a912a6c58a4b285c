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

    public IReadOnlyList<Claim> Check(IReadOnlyList<string> claims, IReadOnlyList<ContextSentence> context)
    {
        if (claims.Count == 0) return [];
        if (context.Count == 0) return claims.Select(c => new Claim(c, null, 0, "there is no context to back it")).ToList();
        var claimVectors = embedder.EmbedMany(claims.Select(Unprefixed).ToList());
        var contextVectors = embedder.EmbedMany(context.Select(c => c.Text).ToList());
        var contextQuantities = context.Select(c => Facts.Quantities(c.Text)).ToList();
        var contextWords = context.Select(c => Facts.Words(c.Subject)).ToList();
        var allQuantities = contextQuantities.SelectMany(q => q).ToList();

        return claims.Select((claim, k) =>
        {
            var text = Unprefixed(claim);
            var quantities = Facts.Quantities(text);
            var names = Facts.Names(text);
            var negated = Negation().IsMatch(text);
            var ranked = Enumerable.Range(0, context.Count)
                .Select(i => (Index: i, Similarity: (double)Embedder.Similarity(claimVectors[k], contextVectors[i])))
                .OrderByDescending(r => r.Similarity)
                .ToList();
            var top = ranked[0].Similarity;
            foreach (var (i, similarity) in ranked.TakeWhile(r => r.Similarity >= SupportedAt && r.Similarity >= top - NearTop))
            {
                if (quantities.All(q => Facts.Contains(contextQuantities[i], q)) && names.All(contextWords[i].Contains) && negated == Negation().IsMatch(context[i].Text))
                    return new Claim(claim, context[i], similarity, null);
            }
            var closest = top >= SupportedAt ? context[ranked[0].Index] : null;
            return new Claim(claim, null, top, Problem(quantities, names, allQuantities, contextWords, closest, negated));
        }).ToList();
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

    private static string Problem(IReadOnlyList<Quantity> quantities, IReadOnlySet<string> names, List<Quantity> allQuantities,
        List<IReadOnlySet<string>> contextWords, ContextSentence? closest, bool negated)
    {
        if (quantities.FirstOrDefault(q => !Facts.Contains(allQuantities, q)) is { } invented) return $"it states {invented}, which the context never gives";
        if (names.FirstOrDefault(n => !contextWords.Any(w => w.Contains(n))) is { } unknown) return $"it names {unknown}, which the context never mentions";
        if (closest is null) return "nothing in the context says it";
        var quote = JudgeReason.Quote(closest.Text);
        if (negated != Negation().IsMatch(closest.Text)) return $"the context says the opposite: “{quote}”";
        return quantities.Count > 0 ? $"the context says “{quote}”" : $"the closest the context comes is “{quote}”";
    }

    [GeneratedRegex(@"\b(?:not|no|never|cannot|can't|isn't|aren't|doesn't|don't|won't|nothing|none)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negation();

    [GeneratedRegex(@"^(?:yes|no)\b[,;:.!]?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex YesNo();

    [GeneratedRegex(@",\s*(?:and|but)\s+|;\s*")]
    private static partial Regex ClauseBreak();
}
