using WorkflowStudio.Core.Model;
using WorkflowStudio.Data.Workflows;

namespace WorkflowStudio.Studio.Workflows;

/// <summary>A saved workflow as the list shows it: its latest version's step count and when it was last saved.</summary>
public sealed record WorkflowListItem(string Id, string Name, string? Description, int StepCount, int LatestVersion, DateTimeOffset SavedAt);

/// <summary>A workflow as the designer opens it: its definition and the version that is, so a later save can name what it started from.</summary>
public sealed record OpenedWorkflow(Workflow Definition, int Version);

/// <summary>
/// The version a save produced, and the versions others saved after the one the edit started from, oldest first.
/// Both sides are kept as versions; a non-empty <see cref="SavedMeanwhile"/> means the new version does not contain
/// those changes, so the author must be told.
/// </summary>
public sealed record SavedWorkflow(WorkflowVersion Stored, IReadOnlyList<VersionSummary> SavedMeanwhile)
{
    public int Version => Stored.Number;

    public Workflow Definition => Stored.Definition;
}

/// <summary>A workflow read from a file and the version it was saved as, or why it could not be.</summary>
public sealed record ImportResult(Workflow? Workflow, string? Error)
{
    public int? Version { get; init; }
}

/// <summary>What an import does with a file whose id names a saved workflow.</summary>
public enum ImportMode
{
    /// <summary>Saves the file as the next version of that workflow (an exported file coming back edited).</summary>
    NewVersion,
    /// <summary>Saves it beside that workflow under a fresh id.</summary>
    Copy,
}
