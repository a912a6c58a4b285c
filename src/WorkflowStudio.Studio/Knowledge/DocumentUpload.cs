namespace WorkflowStudio.Studio.Knowledge;

/// <summary>A file handed to a knowledge base: its name (the extension says its type), its bytes, and where it came from.</summary>
public sealed record DocumentUpload(string Name, byte[] Content, string Source = "upload");

/// <summary>A ranked passage of a query, with the scores that ranked it and the document it comes from.</summary>
public sealed record RankedPassage(int Rank, string Document, int Chunk, string Text, double Fused, double Vector, double Keyword);
