using System.Security.Claims;
using System.Text.Json;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Studio.Versions;
using WorkflowStudio.Studio.Workflows;
using WorkflowStudio.Web.Security;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// Workflows, versions, diffs and release tags over HTTP, for the CLI, CI and other apps: each route is one call into
/// the application layer, so a save, rename or duplicate stores the same version as it does from the browser.
/// </summary>
public static class WorkflowEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowApi(this IEndpointRouteBuilder app)
    {
        var workflows = app.MapGroup("/api/workflows").AddEndpointFilter(StoreErrorResults.Filter);

        workflows.MapGet("/", async (WorkflowLibrary library, CancellationToken ct) => Ok(await library.ListAsync(ct)));

        workflows.MapGet("/{workflowId}", async (string workflowId, WorkflowVersions versions, CancellationToken ct) =>
            await versions.GetWorkflowAsync(workflowId, ct) is { } workflow
                ? Ok(new WorkflowDetails(workflow, await versions.ListTagsAsync(workflowId, ct)))
                : Missing(workflowId));

        workflows.MapDelete("/{workflowId}", async (string workflowId, ClaimsPrincipal user, WorkflowLibrary library, CancellationToken ct) =>
            await library.DeleteAsync(workflowId, ct, StudioUser.From(user).Role, StudioUser.From(user).Name) ? Results.NoContent() : Missing(workflowId));

        workflows.MapGet("/{workflowId}/versions", async (string workflowId, WorkflowVersions versions, CancellationToken ct) =>
            await versions.GetWorkflowAsync(workflowId, ct) is null ? Missing(workflowId) : Ok(await versions.ListAsync(workflowId, ct)));

        workflows.MapGet("/{workflowId}/versions/{number:int}", async (string workflowId, int number, WorkflowVersions versions, CancellationToken ct) =>
            await versions.GetAsync(workflowId, number, ct) is { } version
                ? Ok(VersionDto.From(version))
                : Results.Problem(detail: $"Workflow '{workflowId}' has no version {number}.", statusCode: StatusCodes.Status404NotFound));

        workflows.MapPost("/{workflowId}/versions", async (string workflowId, SaveVersionBody body, ClaimsPrincipal user, WorkflowLibrary library, CancellationToken ct) =>
        {
            if (body.Definition.ValueKind != JsonValueKind.Object)
                return Results.Problem(detail: "The body needs a \"definition\": the workflow file as a JSON object.", statusCode: StatusCodes.Status400BadRequest);
            var text = body.Definition.GetRawText();
            // The import's size rule: a bigger definition would make every list and page that shows it that big.
            if (text.Length > WorkflowLibrary.MaxImportChars)
                return Results.Problem(detail: $"The definition is {text.Length:N0} characters; the most the studio takes is {WorkflowLibrary.MaxImportChars:N0}.",
                    statusCode: StatusCodes.Status400BadRequest);
            var definition = WorkflowJson.Deserialize(text);
            if (definition.Id != workflowId)
                return Results.Problem(detail: $"The definition's id is '{definition.Id}' but it was sent to '{workflowId}'.", statusCode: StatusCodes.Status400BadRequest);
            var who = StudioUser.From(user);
            var saved = await library.SaveAsync(definition, body.BasedOn, body.Message, who.Name, mustBeNew: body.BasedOn is null, ct, who.Role);
            return Results.Json(new SaveVersionResponse(VersionDto.From(saved.Stored), [.. saved.SavedMeanwhile.Select(v => v.Number)]), ApiJson.Options,
                statusCode: StatusCodes.Status201Created);
        });

        workflows.MapPost("/{workflowId}/versions/{number:int}/restore", async (string workflowId, int number, ClaimsPrincipal user, WorkflowVersions versions, CancellationToken ct) =>
        {
            var who = StudioUser.From(user);
            return Ok(VersionDto.From(await versions.RestoreAsync(workflowId, number, who.Name, ct, who.Role)));
        });

        workflows.MapPost("/{workflowId}/rename", async (string workflowId, RenameBody body, ClaimsPrincipal user, WorkflowLibrary library, CancellationToken ct) =>
        {
            var who = StudioUser.From(user);
            return await library.RenameAsync(workflowId, body.Name, who.Name, ct, who.Role) is { } saved ? Ok(VersionDto.From(saved.Stored)) : Missing(workflowId);
        });

        workflows.MapPost("/{workflowId}/duplicate", async (string workflowId, DuplicateBody body, ClaimsPrincipal user, WorkflowLibrary library, CancellationToken ct) =>
        {
            var who = StudioUser.From(user);
            return await library.DuplicateAsync(workflowId, body.NewId, body.NewName, who.Name, ct, who.Role) is { } saved ? Ok(VersionDto.From(saved.Stored)) : Missing(workflowId);
        });

        workflows.MapGet("/{workflowId}/diff", async (string workflowId, int from, int to, WorkflowVersions versions, CancellationToken ct) =>
            Ok(await versions.CompareAsync(workflowId, from, to, ct)));

        workflows.MapGet("/{workflowId}/tags", async (string workflowId, WorkflowVersions versions, CancellationToken ct) =>
            Ok(await versions.ListTagsAsync(workflowId, ct)));

        workflows.MapPut("/{workflowId}/tags/{tag}", async (string workflowId, string tag, TagBody body, ClaimsPrincipal user, WorkflowVersions versions, CancellationToken ct) =>
        {
            var who = StudioUser.From(user);
            return Ok(await versions.SetTagAsync(workflowId, tag, body.Version, who.Name, ct, who.Role));
        });

        workflows.MapGet("/{workflowId}/tags/history", async (string workflowId, string? tag, WorkflowVersions versions, CancellationToken ct) =>
            Ok(await versions.GetTagHistoryAsync(workflowId, tag, ct)));

        return app;
    }

    private static IResult Ok<T>(T value) => ApiJson.Ok(value);

    private static IResult Missing(string workflowId) =>
        Results.Problem(detail: $"There is no workflow '{workflowId}'.", statusCode: StatusCodes.Status404NotFound);
}
