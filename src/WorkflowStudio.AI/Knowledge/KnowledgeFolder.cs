namespace WorkflowStudio.AI.Knowledge;

/// <summary>A folder of knowledge bases: each sub-folder is a base named after it, holding its documents at any depth.</summary>
public static class KnowledgeFolder
{
    public static IReadOnlyList<string> Names(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.EnumerateDirectories(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.OrdinalIgnoreCase)]
            : [];

    /// <summary>The readable documents of one base's folder, named by their path inside it; an unreadable one is reported and skipped.</summary>
    public static IReadOnlyList<SourceDocument> Read(string folder, Action<string, string> skipped)
    {
        var documents = new List<SourceDocument>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(DocumentReader.IsSupported).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(folder, file).Replace('\\', '/');
            try
            {
                documents.Add(DocumentReader.Read(file, name));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DocumentException)
            {
                skipped(name, e.Message);
            }
        }
        return documents;
    }
}
