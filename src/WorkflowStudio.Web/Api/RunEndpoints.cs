using System.Security.Claims;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Studio.Client;
using WorkflowStudio.Studio.Runs;
using WorkflowStudio.Studio.Security;
using WorkflowStudio.Web.Security;

namespace WorkflowStudio.Web.Api;

/// <summary>Run history over HTTP, for the CLI and for replaying a past run without a hub connection.</summary>
internal static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(StoreErrorResults.Filter);
        api.MapGet("/runs", async (string? workflow, RunStatus? status, int? version, int? skip, int? take, RunHistory history, CancellationToken ct) =>
            ApiJson.Ok(await history.QueryAsync(new RunQuery(workflow, status, version, skip ?? 0, take ?? 50), ct)));
        api.MapGet("/workflows/{workflowId}/runs", async (string workflowId, int? take, RunHistory history, CancellationToken ct) =>
            ApiJson.Ok(await history.ListAsync(workflowId, take ?? 50, ct)));
        api.MapGet("/runs/{runId}", async (string runId, RunHistory history, CancellationToken ct) =>
            await history.GetAsync(runId, ct) is { } run ? ApiJson.Ok(run) : NoRun(runId));
        api.MapGet("/runs/{runId}/events", async (string runId, long? after, int? max, RunHistory history, CancellationToken ct) =>
        {
            if (await history.GetAsync(runId, ct) is null) return NoRun(runId);
            var events = await history.GetEventsAsync(runId, after ?? 0, max ?? 1_000, ct);
            return ApiJson.Ok(events.Select(e => new RunEventMessage(e)));
        });
        api.MapPost("/runs/{runId}/cancel", (string runId, ClaimsPrincipal user, IRunFeed feed) =>
        {
            WorkflowPermissions.EnsureMayCancel(StudioUser.From(user).Role);
            return feed.Cancel(runId) ? Results.Accepted() : Results.Problem(detail: $"Run '{runId}' is not running.", statusCode: StatusCodes.Status404NotFound);
        });
        return app;
    }

    private static IResult NoRun(string runId) => Results.Problem(detail: $"There is no run '{runId}'.", statusCode: StatusCodes.Status404NotFound);
}
