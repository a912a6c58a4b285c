using WorkflowStudio.Data;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Studio.Security;
using WorkflowStudio.Studio.Versions.Diff;
using WorkflowStudio.Studio.Workflows;

namespace WorkflowStudio.Studio.Versions;

/// <summary>A workflow's history: its versions, restoring one, comparing two, and the release tags that point at them.</summary>
public sealed class WorkflowVersions(IWorkflowStore store, WorkflowLibrary library)
{
    public Task<WorkflowSummary?> GetWorkflowAsync(string workflowId, CancellationToken ct = default) => store.GetAsync(workflowId, ct);

    /// <summary>Newest first; empty when the workflow does not exist.</summary>
    public Task<IReadOnlyList<VersionSummary>> ListAsync(string workflowId, CancellationToken ct = default) => store.ListVersionsAsync(workflowId, ct);

    public Task<WorkflowVersion?> GetAsync(string workflowId, int number, CancellationToken ct = default) => store.GetVersionAsync(workflowId, number, ct);

    /// <summary>
    /// Saves version <paramref name="number"/> again as the newest version; history is never rewound. A restore is a change
    /// like any save, so <paramref name="role"/> meets the same rules (<see cref="WorkflowPermissions.EnsureMayChange"/>).
    /// </summary>
    public async Task<WorkflowVersion> RestoreAsync(string workflowId, int number, string? author = null, CancellationToken ct = default,
        StudioRole role = StudioRole.Owner)
    {
        if (role is not (StudioRole.Owner or StudioRole.Editor)
            && await store.GetVersionAsync(workflowId, number, ct) is { } restored
            && await store.GetLatestVersionAsync(workflowId, ct) is { } latest)
            WorkflowPermissions.EnsureMayChange(role, latest.Definition, restored.Definition);
        return await store.RestoreAsync(workflowId, number, AuthorOrDefault(author), ct);
    }

    public async Task<VersionComparison> CompareAsync(string workflowId, int before, int after, CancellationToken ct = default)
    {
        var older = await store.GetVersionAsync(workflowId, before, ct) ?? throw NoVersion(workflowId, before);
        var newer = await store.GetVersionAsync(workflowId, after, ct) ?? throw NoVersion(workflowId, after);
        return VersionComparison.Of(older, newer);
    }

    /// <summary>Points a tag at a version, creating or moving it, and records the move.</summary>
    public Task<ReleaseTag> SetTagAsync(string workflowId, string tag, int version, string? movedBy = null, CancellationToken ct = default,
        StudioRole role = StudioRole.Owner)
    {
        WorkflowPermissions.EnsureMayManage(role, "move release tags");
        return store.SetTagAsync(workflowId, tag, version, AuthorOrDefault(movedBy), ct);
    }

    public Task<IReadOnlyList<ReleaseTag>> ListTagsAsync(string workflowId, CancellationToken ct = default) => store.ListTagsAsync(workflowId, ct);

    /// <summary>Moves of one tag, or of every tag when <paramref name="tag"/> is null; newest first.</summary>
    public Task<IReadOnlyList<TagMove>> GetTagHistoryAsync(string workflowId, string? tag = null, CancellationToken ct = default) =>
        store.GetTagHistoryAsync(workflowId, tag, ct);

    private string AuthorOrDefault(string? author) => string.IsNullOrWhiteSpace(author) ? library.DefaultAuthor : author;

    private static StoreException NoVersion(string workflowId, int number) =>
        new($"Workflow '{workflowId}' has no version {number}.", StoreErrorKind.NotFound);
}
