using WorkflowStudio.Core.Model;
using WorkflowStudio.Data.Workflows;

namespace WorkflowStudio.Web.Workflows;

/// <summary>A saved workflow as the list shows it.</summary>
public sealed record WorkflowSummary(string Id, string Name, string? Description, int StepCount, DateTimeOffset SavedAt);

/// <summary>A workflow as the designer opens it: its definition and the version that is, so a later save can name what it started from.</summary>
public sealed record OpenedWorkflow(Workflow Definition, int Version);

/// <summary>
/// The version a designer save produced, and the versions others saved after the one the edit started from, oldest
/// first. Both sides are kept as versions; a non-empty <see cref="SavedMeanwhile"/> means the new version does not
/// contain those changes, so the author must be told.
/// </summary>
public sealed record SavedWorkflow(int Version, IReadOnlyList<VersionSummary> SavedMeanwhile);

/// <summary>Where the designer and the workflow list keep the current definition of each workflow.</summary>
public interface IWorkflowRepository
{
    Task<IReadOnlyList<WorkflowSummary>> ListAsync(CancellationToken ct = default);
    Task<Workflow?> GetAsync(string id, CancellationToken ct = default);
    Task<OpenedWorkflow?> OpenAsync(string id, CancellationToken ct = default);

    /// <summary>
    /// Saves an edit that started from version <paramref name="basedOn"/>, reporting versions saved since rather than
    /// hiding them. Null saves on top of the latest version, for list operations that read and write in one step.
    /// </summary>
    Task<SavedWorkflow> SaveAsync(Workflow workflow, int? basedOn = null, CancellationToken ct = default);

    Task<bool> DeleteAsync(string id, CancellationToken ct = default);
}
