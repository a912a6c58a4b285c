namespace WorkflowStudio.Data.Knowledge;

/// <summary>How a base is cut into passages (chunk size and overlap in characters) and searched (hybrid weight, default top-k).</summary>
public sealed record KnowledgeBaseSettings(int ChunkSize, int ChunkOverlap, double VectorWeight, int TopK);

public sealed record KnowledgeBaseInfo(string Name, KnowledgeBaseSettings Settings, int DocumentCount, int ChunkCount, long Revision,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A stored document; <see cref="Kind"/> is markdown, text, html or pdf, <see cref="Source"/> says where it came from.</summary>
public sealed record KnowledgeDocumentInfo(long Id, string Name, string Kind, string Source, long SizeBytes, int ChunkCount, DateTimeOffset AddedAt);

/// <summary>A passage with its unit embedding.</summary>
public sealed record EmbeddedChunk(string Text, float[] Vector);

/// <summary>A document to store: its text as read, and its passages.</summary>
public sealed record NewKnowledgeDocument(string Name, string Kind, string Source, long SizeBytes, string Text, IReadOnlyList<EmbeddedChunk> Chunks);

/// <summary>A stored document's text, for cutting again.</summary>
public sealed record KnowledgeDocumentText(long Id, string Name, string Kind, string Text);

/// <summary>A stored passage as searches load it.</summary>
public sealed record StoredChunk(string Document, int Ordinal, string Text, float[] Vector);

/// <summary>Everything a search needs of a base, read in one transaction.</summary>
public sealed record KnowledgeBaseContents(KnowledgeBaseInfo Base, IReadOnlyList<StoredChunk> Chunks);
