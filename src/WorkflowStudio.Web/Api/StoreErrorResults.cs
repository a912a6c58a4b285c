using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Data;

namespace WorkflowStudio.Web.Api;

/// <summary>Turns what the stores and the workflow reader refuse into problem responses that keep their sentence.</summary>
internal static class StoreErrorResults
{
    public static IResult From(StoreException e) => Results.Problem(detail: e.Message, statusCode: e.Kind switch
    {
        StoreErrorKind.NotFound => StatusCodes.Status404NotFound,
        StoreErrorKind.Conflict => StatusCodes.Status409Conflict,
        StoreErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        StoreErrorKind.Busy => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status400BadRequest,
    });

    public static IResult From(WorkflowFormatException e) =>
        Results.Problem(detail: $"{e.Where}: {e.Message}", statusCode: StatusCodes.Status400BadRequest, title: "The workflow definition cannot be read");

    /// <summary>An endpoint filter so every handler in a group answers refusals the same way.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (StoreException e)
        {
            return From(e);
        }
        catch (WorkflowFormatException e)
        {
            return From(e);
        }
    }
}
