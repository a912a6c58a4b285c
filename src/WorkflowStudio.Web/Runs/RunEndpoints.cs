using WorkflowStudio.Data.Runs;
using WorkflowStudio.Web.Versions;

namespace WorkflowStudio.Web.Runs;

/// <summary>Run history over HTTP, for the CLI and for replaying a past run without a hub connection.</summary>
internal static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(StoreErrorResults.Filter);
        api.MapGet("/workflows/{workflowId}/runs", async (string workflowId, int? take, IRunStore runs, CancellationToken ct) =>
            ApiJson.Ok(await runs.ListRunsAsync(workflowId, take ?? 50, ct)));
        api.MapGet("/runs/{runId}", async (string runId, IRunStore runs, CancellationToken ct) =>
            await runs.GetRunAsync(runId, ct) is { } run ? ApiJson.Ok(run) : NoRun(runId));
        api.MapGet("/runs/{runId}/events", async (string runId, long? after, int? max, IRunStore runs, CancellationToken ct) =>
        {
            if (await runs.GetRunAsync(runId, ct) is null) return NoRun(runId);
            var events = await runs.GetEventsAsync(runId, after ?? 0, Math.Clamp(max ?? 1_000, 1, 10_000), ct);
            return ApiJson.Ok(events.Select(e => new RunEventMessage(e)));
        });
        api.MapPost("/runs/{runId}/cancel", (string runId, RunCoordinator coordinator) =>
            coordinator.Cancel(runId) ? Results.Accepted() : Results.Problem(detail: $"Run '{runId}' is not running.", statusCode: StatusCodes.Status404NotFound));
        return app;
    }

    private static IResult NoRun(string runId) => Results.Problem(detail: $"There is no run '{runId}'.", statusCode: StatusCodes.Status404NotFound);
}
