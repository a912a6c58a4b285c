using WorkflowStudio.AI.Offline;
using WorkflowStudio.AI.Text;

namespace WorkflowStudio.Evaluation.Scoring.Scorers;

/// <summary>
/// Context recall: the share of the expected facts (one per line, sentence or '|') that the retrieved passages hold.
/// A fact is held when one passage sentence has all its meaningful words and quantities (overlap; this keeps short
/// facts like "30 days" exact), or backs it in meaning with the same numbers and names (<see cref="ClaimChecker"/>).
/// </summary>
public sealed class ContextRecallScorer(string name, ClaimChecker checker, double minimum = 1) : SyncScorer(name)
{
    protected override Score Score(ScoringInput input)
    {
        var facts = RagText.Facts(input.RequireExpected(Name));
        if (facts.Count == 0) throw new ScorerException($"{Name} needs at least one expected fact.");
        var passages = ContextMarkup.Read(input.RequirePassages(Name));
        var missing = facts.Where(f => !passages.Any(p => Overlaps(f, p.Text))).ToList();
        // Meaning is only asked about the facts the words did not find: it embeds, overlap does not.
        if (missing.Count > 0 && passages.Count > 0)
            missing = [.. checker.Check(missing, passages).Where(c => !c.IsBacked).Select(c => c.Text).Distinct(StringComparer.Ordinal)];
        var found = facts.Count - missing.Count(m => facts.Contains(m));
        var share = Math.Clamp(found / (double)facts.Count, 0, 1);
        var reason = missing.Count == 0
            ? $"All {facts.Count} expected facts are in the passages."
            : $"{found} of {facts.Count} expected facts in the passages; missing “{Quote.Short(missing[0])}”.";
        return share >= minimum ? Scoring.Score.Pass(share, reason) : Scoring.Score.Fail(share, reason);
    }

    private static bool Overlaps(string fact, string sentence)
    {
        var terms = Sentences.Terms(fact);
        var quantities = AI.Text.Facts.Quantities(fact);
        if (terms.Count == 0 && quantities.Count == 0) return false;
        var held = Sentences.Terms(sentence).ToHashSet(StringComparer.Ordinal);
        var heldQuantities = AI.Text.Facts.Quantities(sentence);
        return terms.All(held.Contains) && quantities.All(q => AI.Text.Facts.Contains(heldQuantities, q));
    }
}
