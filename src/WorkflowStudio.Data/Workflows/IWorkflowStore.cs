namespace WorkflowStudio.Data.Workflows;

/// <summary>
/// Workflows and their immutable versions. Every change (save, rename, restore) adds a version; nothing rewrites one.
/// Requests the store refuses throw <see cref="StoreException"/> with a sentence saying why.
/// </summary>
public interface IWorkflowStore
{
    Task<IReadOnlyList<WorkflowSummary>> ListAsync(CancellationToken ct = default);

    Task<WorkflowSummary?> GetAsync(string workflowId, CancellationToken ct = default);

    Task<WorkflowVersion?> GetLatestVersionAsync(string workflowId, CancellationToken ct = default);

    Task<WorkflowVersion?> GetVersionAsync(string workflowId, int number, CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<VersionSummary>> ListVersionsAsync(string workflowId, CancellationToken ct = default);

    /// <summary>Adds a version; concurrent saves from the same parent each get their own number and neither is lost.</summary>
    Task<SaveResult> SaveAsync(SaveRequest request, CancellationToken ct = default);

    /// <summary>Deletes a workflow with its versions, tags and runs. False when there was nothing to delete.</summary>
    Task<bool> DeleteAsync(string workflowId, CancellationToken ct = default);

    /// <summary>Saves an old version's definition and code again as the newest version; history is never rewound.</summary>
    Task<WorkflowVersion> RestoreAsync(string workflowId, int number, string author, CancellationToken ct = default);

    /// <summary>Points a tag at a version, creating or moving it, and records the move.</summary>
    Task<ReleaseTag> SetTagAsync(string workflowId, string tag, int versionNumber, string movedBy, CancellationToken ct = default);

    Task<IReadOnlyList<ReleaseTag>> ListTagsAsync(string workflowId, CancellationToken ct = default);

    /// <summary>Moves of one tag, or of every tag when <paramref name="tag"/> is null; newest first.</summary>
    Task<IReadOnlyList<TagMove>> GetTagHistoryAsync(string workflowId, string? tag = null, CancellationToken ct = default);

    Task<WorkflowVersion?> GetTaggedVersionAsync(string workflowId, string tag, CancellationToken ct = default);
}
