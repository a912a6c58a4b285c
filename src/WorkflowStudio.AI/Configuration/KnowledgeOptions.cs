namespace WorkflowStudio.AI.Configuration;

/// <summary>"Studio:Knowledge": where knowledge bases come from and how they are cut into chunks.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Studio:Knowledge";

    /// <summary>Each sub-folder is one knowledge base named after the folder; relative to the content root.</summary>
    public string Directory { get; set; } = "templates/knowledge";

    /// <summary>Where built indexes are kept, under the data directory.</summary>
    public string IndexFolder { get; set; } = "knowledge";

    public int ChunkSize { get; set; } = 700;

    public int ChunkOverlap { get; set; } = 150;
}
