using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Data.Workflows;

public sealed record WorkflowSummary(
    string Id, string Name, string? Description, int LatestVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>A version without its definition: what a history list shows.</summary>
public sealed record VersionSummary(
    long Id, string WorkflowId, int Number, string Message, string Author, DateTimeOffset CreatedAt, int? ParentNumber, int? RestoredFrom);

/// <summary>A saved, immutable state of a workflow: the definition (as model and as stored JSON) and its generated C#.</summary>
public sealed record WorkflowVersion(VersionSummary Summary, Workflow Definition, string DefinitionJson, string? Code)
{
    public string WorkflowId => Summary.WorkflowId;
    public int Number => Summary.Number;
}

/// <summary>
/// A save. <paramref name="BasedOn"/> is the version number the author started editing from, or null for a new workflow.
/// <paramref name="Code"/> is the generated C# definition when the caller has it.
/// </summary>
public sealed record SaveRequest(Workflow Definition, string Message, string Author, int? BasedOn, string? Code = null);

/// <summary>
/// The new version, and the versions others saved after <see cref="SaveRequest.BasedOn"/> while this one was being
/// edited. Both are kept; a non-empty <see cref="SavedMeanwhile"/> is the cue to show the author a diff.
/// </summary>
public sealed record SaveResult(WorkflowVersion Version, IReadOnlyList<int> SavedMeanwhile)
{
    public bool HadConcurrentSaves => SavedMeanwhile.Count > 0;
}

public sealed record ReleaseTag(string WorkflowId, string Name, int VersionNumber, DateTimeOffset MovedAt, string MovedBy);

public sealed record TagMove(string WorkflowId, string Tag, int? FromVersion, int ToVersion, DateTimeOffset MovedAt, string MovedBy);

public static class ReleaseTags
{
    public const string Staging = "staging";
    public const string Production = "production";
}
