using System.Security.Claims;
using System.Text.Json;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Workflows;

namespace WorkflowStudio.Web.Versions;

/// <summary>Workflows, versions, diffs and release tags over HTTP, for the CLI, CI and other apps.</summary>
public static class VersionEndpoints
{
    public static IEndpointRouteBuilder MapVersions(this IEndpointRouteBuilder app)
    {
        var workflows = app.MapGroup("/api/workflows").AddEndpointFilter(StoreErrorResults.Filter);

        workflows.MapGet("/", async (IWorkflowStore store, CancellationToken ct) => Ok(await store.ListAsync(ct)));

        workflows.MapGet("/{workflowId}", async (string workflowId, IWorkflowStore store, CancellationToken ct) =>
            await store.GetAsync(workflowId, ct) is { } workflow
                ? Ok(new WorkflowDetails(workflow, await store.ListTagsAsync(workflowId, ct)))
                : Missing(workflowId));

        workflows.MapDelete("/{workflowId}", async (string workflowId, IWorkflowStore store, CancellationToken ct) =>
            await store.DeleteAsync(workflowId, ct) ? Results.NoContent() : Missing(workflowId));

        workflows.MapGet("/{workflowId}/versions", async (string workflowId, IWorkflowStore store, CancellationToken ct) =>
            await store.GetAsync(workflowId, ct) is null ? Missing(workflowId) : Ok(await store.ListVersionsAsync(workflowId, ct)));

        workflows.MapGet("/{workflowId}/versions/{number:int}", async (string workflowId, int number, IWorkflowStore store, CancellationToken ct) =>
            await store.GetVersionAsync(workflowId, number, ct) is { } version
                ? Ok(VersionDto.From(version))
                : Results.Problem(detail: $"Workflow '{workflowId}' has no version {number}.", statusCode: StatusCodes.Status404NotFound));

        workflows.MapPost("/{workflowId}/versions", async (string workflowId, SaveVersionBody body, ClaimsPrincipal user, IWorkflowStore store, CancellationToken ct) =>
        {
            if (body.Definition.ValueKind != JsonValueKind.Object)
                return Results.Problem(detail: "The body needs a \"definition\": the workflow file as a JSON object.", statusCode: StatusCodes.Status400BadRequest);
            var definition = WorkflowJson.Deserialize(body.Definition.GetRawText());
            if (definition.Id != workflowId)
                return Results.Problem(detail: $"The definition's id is '{definition.Id}' but it was sent to '{workflowId}'.", statusCode: StatusCodes.Status400BadRequest);
            var saved = await store.SaveAsync(new SaveRequest(definition, body.Message ?? "", Author(user, body.Author), body.BasedOn, body.Code), ct);
            return Results.Json(new SaveVersionResponse(VersionDto.From(saved.Version), saved.SavedMeanwhile), ApiJson.Options,
                statusCode: StatusCodes.Status201Created);
        });

        workflows.MapPost("/{workflowId}/versions/{number:int}/restore", async (string workflowId, int number, AuthorBody body, ClaimsPrincipal user, IWorkflowStore store, CancellationToken ct) =>
            Ok(VersionDto.From(await store.RestoreAsync(workflowId, number, Author(user, body.Author), ct))));

        workflows.MapPost("/{workflowId}/rename", async (string workflowId, RenameBody body, ClaimsPrincipal user, IWorkflowStore store, CancellationToken ct) =>
            Ok(VersionDto.From(await store.RenameAsync(workflowId, body.Name, Author(user, body.Author), ct))));

        workflows.MapPost("/{workflowId}/duplicate", async (string workflowId, DuplicateBody body, ClaimsPrincipal user, IWorkflowStore store, CancellationToken ct) =>
            Ok(VersionDto.From(await store.DuplicateAsync(workflowId, body.NewId, body.NewName, Author(user, body.Author), ct))));

        workflows.MapGet("/{workflowId}/diff", async (string workflowId, int from, int to, IWorkflowStore store, CancellationToken ct) =>
            Ok(await store.CompareAsync(workflowId, from, to, ct)));

        workflows.MapGet("/{workflowId}/tags", async (string workflowId, IWorkflowStore store, CancellationToken ct) =>
            Ok(await store.ListTagsAsync(workflowId, ct)));

        workflows.MapPut("/{workflowId}/tags/{tag}", async (string workflowId, string tag, TagBody body, ClaimsPrincipal user, IWorkflowStore store, CancellationToken ct) =>
            Ok(await store.SetTagAsync(workflowId, tag, body.Version, Author(user, body.MovedBy), ct)));

        workflows.MapGet("/{workflowId}/tags/history", async (string workflowId, string? tag, IWorkflowStore store, CancellationToken ct) =>
            Ok(await store.GetTagHistoryAsync(workflowId, tag, ct)));

        return app;
    }

    private static IResult Ok<T>(T value) => ApiJson.Ok(value);

    private static IResult Missing(string workflowId) =>
        Results.Problem(detail: $"There is no workflow '{workflowId}'.", statusCode: StatusCodes.Status404NotFound);

    // A signed-in user is the author; without sign-in the caller says who it is.
    private static string Author(ClaimsPrincipal user, string? claimed) =>
        user.Identity is { IsAuthenticated: true, Name: { } name } ? name : claimed ?? "";
}
