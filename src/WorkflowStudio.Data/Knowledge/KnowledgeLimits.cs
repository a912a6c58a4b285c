using System.Text.RegularExpressions;

namespace WorkflowStudio.Data.Knowledge;

/// <summary>What a knowledge base's name and settings may be, checked before anything is written.</summary>
public static partial class KnowledgeLimits
{
    public const int NameLength = 64;
    public const int DocumentNameLength = 260;
    public const int MinChunkSize = 50;
    public const int MaxChunkSize = 20_000;
    public const int MaxTopK = 50;

    /// <summary>A sentence saying what is wrong with the name, or null when it is fine.</summary>
    public static string? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "A knowledge base needs a name."
        : name.Length > NameLength ? $"A knowledge base name is at most {NameLength} characters."
        : !NamePattern().IsMatch(name) ? $"'{name}' is not a usable knowledge base name: use letters, digits, '-', '_' or '.', starting with a letter or digit."
        : null;

    /// <summary>A sentence naming every setting out of range, or null when all are fine.</summary>
    public static string? CheckSettings(KnowledgeBaseSettings settings)
    {
        var problems = new List<string>();
        if (settings.ChunkSize is < MinChunkSize or > MaxChunkSize) problems.Add($"Chunk size must be between {MinChunkSize} and {MaxChunkSize} characters.");
        if (settings.ChunkOverlap < 0 || settings.ChunkOverlap >= settings.ChunkSize) problems.Add("Chunk overlap must be at least 0 and below the chunk size.");
        if (double.IsNaN(settings.VectorWeight) || settings.VectorWeight is < 0 or > 1) problems.Add("Hybrid weight must be between 0 (keywords only) and 1 (meaning only).");
        if (settings.TopK is < 1 or > MaxTopK) problems.Add($"Default top-k must be between 1 and {MaxTopK}.");
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();
}
