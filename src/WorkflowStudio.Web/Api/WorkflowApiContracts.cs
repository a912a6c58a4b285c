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

/// <summary>A save over HTTP. The C# definition is always generated from <paramref name="Definition"/>, never taken from the caller.</summary>
public sealed record SaveVersionBody(JsonElement Definition, string? Message, string? Author, int? BasedOn);

public sealed record SaveVersionResponse(VersionDto Version, IReadOnlyList<int> SavedMeanwhile);

public sealed record AuthorBody(string? Author);

public sealed record RenameBody(string Name, string? Author);

public sealed record DuplicateBody(string? NewId, string? NewName, string? Author);

public sealed record TagBody(int Version, string? MovedBy);

public sealed record WorkflowDetails(WorkflowSummary Workflow, IReadOnlyList<ReleaseTag> Tags);
