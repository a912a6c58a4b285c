namespace WorkflowStudio.AI.Knowledge;

/// <summary>
/// Where knowledge bases come from: the studio's SQLite store, or (for hosts without a database) a folder of
/// sub-folders. <see cref="KnowledgeBaseStore"/> keeps each base's index in memory and asks the source again
/// whenever the base's revision changes, so a base changed by another process (the CLI) is never served stale.
/// </summary>
public interface IKnowledgeSource
{
    /// <summary>The names of the bases there are now.</summary>
    IReadOnlyList<string> Names();

    /// <summary>A token that changes whenever the base's passages or settings change; null when there is no such base.</summary>
    string? Revision(string name);

    /// <summary>The base's passages, vectors and hybrid weight, ready to search.</summary>
    Task<KnowledgeIndex> LoadAsync(string name, CancellationToken cancellationToken);
}
