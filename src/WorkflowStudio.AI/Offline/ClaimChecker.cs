using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Text;

namespace WorkflowStudio.AI.Offline;

/// <summary>
/// Checks an answer's sentences against context sentences. Meaning alone would call "The Plus plan costs $14.99"
/// backed by "The Family plan costs $14.99", so a backing sentence must also carry the claim's quantities (value
/// and unit) and, in it or its heading, the claim's names.
/// </summary>
public sealed class ClaimChecker(Embedder embedder)
{
    // MiniLM cosine at which a context sentence says much the same as a claim.
    public const double SupportedAt = 0.5;

    public IReadOnlyList<Claim> Check(IReadOnlyList<string> claims, IReadOnlyList<ContextSentence> context)
    {
        if (claims.Count == 0) return [];
        if (context.Count == 0) return claims.Select(c => new Claim(c, null, 0, "there is no context to back it")).ToList();
        var claimVectors = embedder.EmbedMany(claims);
        var contextVectors = embedder.EmbedMany(context.Select(c => c.Text).ToList());
        var contextQuantities = context.Select(c => Facts.Quantities(c.Text)).ToList();
        var contextWords = context.Select(c => Facts.Words(c.Subject)).ToList();
        var allQuantities = contextQuantities.SelectMany(q => q).ToList();

        return claims.Select((claim, k) =>
        {
            var quantities = Facts.Quantities(claim);
            var names = Facts.Names(claim);
            var ranked = Enumerable.Range(0, context.Count)
                .Select(i => (Index: i, Similarity: (double)Embedder.Similarity(claimVectors[k], contextVectors[i])))
                .OrderByDescending(r => r.Similarity)
                .ToList();
            foreach (var (i, similarity) in ranked.TakeWhile(r => r.Similarity >= SupportedAt))
            {
                if (quantities.All(q => Facts.Contains(contextQuantities[i], q)) && names.All(contextWords[i].Contains))
                    return new Claim(claim, context[i], similarity, null);
            }
            return new Claim(claim, null, ranked[0].Similarity, Problem(quantities, names, allQuantities, contextWords));
        }).ToList();
    }

    private static string Problem(IReadOnlyList<Quantity> quantities, IReadOnlySet<string> names, List<Quantity> allQuantities, List<IReadOnlySet<string>> contextWords)
    {
        if (quantities.FirstOrDefault(q => !Facts.Contains(allQuantities, q)) is { } invented) return $"it states {invented}, which the context never gives";
        if (names.FirstOrDefault(n => !contextWords.Any(w => w.Contains(n))) is { } unknown) return $"it names {unknown}, which the context never mentions";
        if (quantities.Count > 0) return $"it gives {quantities[0]} from a passage about something else";
        return "nothing in the context says it";
    }
}
