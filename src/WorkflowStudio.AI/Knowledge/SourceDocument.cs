namespace WorkflowStudio.AI.Knowledge;

/// <summary>A document's text before chunking; Markdown documents are also split on their headings.</summary>
public sealed record SourceDocument(string Name, string Text, bool IsMarkdown);

/// <summary>One searchable passage: its document, its position in that document and its text.</summary>
public sealed record KnowledgeChunk(string Document, int Index, string Text);

/// <summary>Which scores rank the chunks; hybrid fuses the vector and keyword scores.</summary>
public enum SearchMode { Hybrid, Vector, Keyword }

/// <summary>A ranked passage: its fused score, and the vector (cosine) and keyword (BM25, scaled to the best hit) scores it came from.</summary>
public sealed record SearchHit(KnowledgeChunk Chunk, double Score, double VectorScore = 0, double KeywordScore = 0);
