using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Studio.Monitoring;
using WorkflowStudio.Studio.Runs;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// Feedback on a run: thumbs or a score in [0, 1], a label, a comment and the output it should have given. Any key that
/// may call the run's workflow may rate its runs.
/// </summary>
public sealed record FeedbackRequest(bool? ThumbsUp = null, double? Score = null, string? Label = null, string? Comment = null, string? CorrectedOutput = null);

public sealed record ApiFeedback(long Id, string RunId, string WorkflowId, int Version, string? Tag, double Score, bool? ThumbsUp,
    string? Label, string? Comment, string? CorrectedOutput, DateTimeOffset At);

internal static class FeedbackEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/runs/{runId}/feedback", GiveAsync).WithName("GiveFeedback").WithTags("Feedback")
            .WithSummary("Rates a run: thumbs or a score in [0, 1], a label, a comment and an optional corrected output")
            .Produces<ApiFeedback>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> GiveAsync(string runId, FeedbackRequest? body, HttpContext http, RunHistory history, RunFeedback feedback, CancellationToken ct)
    {
        // A key that may not see the run's workflow gets the same answer as for a missing run, so ids do not leak.
        if (await history.GetAsync(runId, ct) is not { } run || !(http.User.IsAdmin() || http.User.MayCall(run.WorkflowId)))
            return Results.Problem(detail: $"There is no run '{runId}'.", statusCode: StatusCodes.Status404NotFound);
        if (body is null) return Results.Problem(detail: "Send a JSON body with thumbsUp or score.", statusCode: StatusCodes.Status400BadRequest);
        var given = await feedback.GiveAsync(runId, new FeedbackInput(body.ThumbsUp, body.Score, body.Label, body.Comment, body.CorrectedOutput),
            http.User.StartedBy(), ct);
        var result = new ApiFeedback(given.Id, given.RunId, given.WorkflowId, given.Version, given.Tag, given.Score, given.ThumbsUp,
            given.Label, given.Comment, given.Correction, given.At);
        return Results.Json(result, ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
