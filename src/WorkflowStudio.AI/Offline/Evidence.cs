namespace WorkflowStudio.AI.Offline;

/// <summary>
/// One part of a question ("…cost, and how long…" has two) and the context sentence that best answers it, if any
/// answers it well enough, with the sentences that answer it nearly as well (a judge accepts any of them).
/// </summary>
public sealed record Evidence(string Part, ContextSentence? Sentence, double Strength, IReadOnlyList<ContextSentence> Candidates);

/// <summary>
/// What the context offers for a question: evidence per part, or the name the question asks about that the
/// context never mentions (then nothing in it can be about the question's subject).
/// </summary>
public sealed record EvidenceSet(IReadOnlyList<Evidence> Parts, string? UnknownName)
{
    public bool AnswersAll => UnknownName is null && Parts.All(p => p.Sentence is not null);

    public bool AnswersAny => UnknownName is null && Parts.Any(p => p.Sentence is not null);
}
