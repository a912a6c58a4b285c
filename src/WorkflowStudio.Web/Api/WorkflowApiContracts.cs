using System.Text.Json;
using WorkflowStudio.Data.Workflows;

namespace WorkflowStudio.Web.Api;

/// <summary>A version over HTTP: the definition as the workflow file JSON (the canonical format), not a re-serialised model.</summary>
public sealed record VersionDto(VersionSummary Summary, JsonElement Definition, string? Code)
{
    public static VersionDto From(WorkflowVersion version)
    {
        using var document = JsonDocument.Parse(version.DefinitionJson);
        return new VersionDto(version.Summary, document.RootElement.Clone(), version.Code);
    }
}

/// <summary>
/// A save over HTTP. The C# definition is always generated from <paramref name="Definition"/>, never taken from the caller,
/// and the author is the signed-in user, never a name the caller claims.
/// </summary>
public sealed record SaveVersionBody(JsonElement Definition, string? Message, int? BasedOn);

public sealed record SaveVersionResponse(VersionDto Version, IReadOnlyList<int> SavedMeanwhile);

public sealed record RenameBody(string Name);

public sealed record DuplicateBody(string? NewId, string? NewName);

public sealed record TagBody(int Version);

public sealed record WorkflowDetails(WorkflowSummary Workflow, IReadOnlyList<ReleaseTag> Tags);
