namespace WorkflowStudio.AI.Offline;

/// <summary>
/// A quotable sentence of a prompt's context, the document or page it came from and the heading or title it sits
/// under, when the context names them. The heading says what the sentence is about when the sentence itself only
/// says "it" ("Its 250 W motor…" under "Pedalo City").
/// </summary>
public sealed record ContextSentence(string Text, string? Source, string? Heading = null)
{
    /// <summary>What the sentence is about: its heading, its text and its source's name.</summary>
    public string Subject => string.Join(" ", new[] { Heading, Text, Source }.Where(s => s is not null));
}
