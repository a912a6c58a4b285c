namespace WorkflowStudio.AI.Configuration;

/// <summary>"Studio:Knowledge": where knowledge bases come from and how they are cut into chunks.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Studio:Knowledge";

    /// <summary>
    /// Each sub-folder is one knowledge base named after the folder, relative to the content root. The studio imports
    /// each into its database once, at start; hosts without a database search the folders directly.
    /// </summary>
    public string Directory { get; set; } = "templates/knowledge";

    /// <summary>Where studios before the database store kept index files, under the data directory; the studio removes them at start.</summary>
    public string IndexFolder { get; set; } = "knowledge";

    /// <summary>The chunk size a new knowledge base starts with (each base can change its own).</summary>
    public int ChunkSize { get; set; } = 700;

    /// <summary>The overlap a new knowledge base starts with.</summary>
    public int ChunkOverlap { get; set; } = 150;
}
