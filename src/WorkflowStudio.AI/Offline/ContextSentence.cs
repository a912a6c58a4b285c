namespace WorkflowStudio.AI.Offline;

/// <summary>A quotable sentence of a prompt's context and the document or page it came from, when the context names one.</summary>
public sealed record ContextSentence(string Text, string? Source);
