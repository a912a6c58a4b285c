namespace WorkflowStudio.Data.Knowledge;

/// <summary>A knowledge base and its settings; <see cref="Revision"/> goes up with every change, so searchers know to reload.</summary>
public sealed class KnowledgeBaseRow
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public int ChunkSize { get; set; }
    public int ChunkOverlap { get; set; }
    public double VectorWeight { get; set; }
    public int TopK { get; set; }
    public long Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A document of a base, with the text read from it kept so the base can be cut again with other settings.</summary>
public sealed class KnowledgeDocumentRow
{
    public long Id { get; set; }
    public long BaseId { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public required string Source { get; set; }
    public required string Text { get; set; }
    public long SizeBytes { get; set; }
    public int ChunkCount { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>One passage of a document and its embedding (little-endian float32s).</summary>
public sealed class KnowledgeChunkRow
{
    public long Id { get; set; }
    public long BaseId { get; set; }
    public long DocumentId { get; set; }
    public int Ordinal { get; set; }
    public required string Text { get; set; }
    public required byte[] Embedding { get; set; }
}

/// <summary>A knowledge folder imported once; deleting the base later does not bring it back at the next start.</summary>
public sealed class KnowledgeFolderImportRow
{
    public required string Name { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}
