namespace WorkflowStudio.AI.Offline;

/// <summary>
/// One sentence of an answer checked against the context: the context sentence that backs it — close in meaning,
/// with every quantity and name of the claim — or, when none does, what is wrong in words.
/// </summary>
public sealed record Claim(string Text, ContextSentence? Backing, double Similarity, string? Problem)
{
    public bool IsBacked => Backing is not null;
}
