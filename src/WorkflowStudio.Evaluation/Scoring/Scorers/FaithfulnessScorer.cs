using WorkflowStudio.AI.Offline;
using WorkflowStudio.AI.Text;

namespace WorkflowStudio.Evaluation.Scoring.Scorers;

/// <summary>
/// Faithfulness: the share of the answer's claims that the retrieved passages back. A claim is backed by a passage
/// sentence close in meaning (MiniLM) that also carries its numbers, names and polarity (<see cref="ClaimChecker"/>).
/// An answer that declines, or says nothing, claims nothing and is faithful.
/// </summary>
public sealed class FaithfulnessScorer(string name, ClaimChecker checker, double minimum = 1) : SyncScorer(name)
{
    protected override Score Score(ScoringInput input)
    {
        var passages = ContextMarkup.Read(input.RequirePassages(Name));
        var claims = RagText.Claims(input.Output);
        if (claims.Count == 0) return Scoring.Score.Pass(1, "The answer makes no claim to check.");
        var checkedClaims = checker.Check(claims, passages);
        var share = checkedClaims.Count(c => c.IsBacked) / (double)checkedClaims.Count;
        var unbacked = checkedClaims.FirstOrDefault(c => !c.IsBacked);
        var reason = unbacked is null
            ? $"All {checkedClaims.Count} claims are backed by the passages."
            : $"{checkedClaims.Count(c => c.IsBacked)} of {checkedClaims.Count} claims backed; “{Quote.Short(unbacked.Text)}”: {unbacked.Problem}.";
        return share >= minimum ? Scoring.Score.Pass(share, reason) : Scoring.Score.Fail(share, reason);
    }
}

/// <summary>How the RAG scorers cut text into the claims or facts they check.</summary>
internal static class RagText
{
    /// <summary>The sentences of a text that state something: declining sentences and fragments of under three words are left out.</summary>
    public static IReadOnlyList<string> Claims(string text) =>
        [.. Sentences.Split(text).Where(s => !Abstention.IsDecline(s) && Sentences.Words(s).Count >= 3)];

    /// <summary>Expected facts: one per line or sentence, or separated by '|', so short facts like "30 days" stay whole.</summary>
    public static IReadOnlyList<string> Facts(string expected) =>
        [.. expected.Split(['|', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).SelectMany(Sentences.Split)];
}
