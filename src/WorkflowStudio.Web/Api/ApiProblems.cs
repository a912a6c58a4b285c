using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// Requests the API cannot read — not JSON, the wrong content type, a number out of range, a missing body — answer as
/// ProblemDetails saying why (and, for JSON, where), in every environment, instead of an empty 400; never a stack trace.
/// </summary>
public static class ApiProblems
{
    public static IServiceCollection AddApiProblems(this IServiceCollection services)
    {
        // Binding failures then throw with their reason, which UseApiProblems turns into the answer.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Problem sentences quote the ids and names they were given; keep markup in them escaped as the API's own JSON does.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Default);
        return services;
    }

    /// <summary>Call after the studio's security, so only signed-in callers learn why their request was unreadable.</summary>
    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await Results.Problem(detail: Explain(e), statusCode: e.StatusCode, title: "The request cannot be read").ExecuteAsync(context);
                return;
            }
            // A refusal the framework answered with a bare status (a wrong content type, no such route) gets its sentence too.
            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted)
                await Results.Problem(detail: Sentence(context.Response.StatusCode), statusCode: context.Response.StatusCode).ExecuteAsync(context);
        }));

    private static string Explain(BadHttpRequestException e) => e.InnerException is JsonException json ? $"{e.Message} {json.Message}" : e.Message;

    private static string Sentence(int status) => status switch
    {
        StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON, with Content-Type: application/json.",
        StatusCodes.Status404NotFound => "There is no such API route.",
        StatusCodes.Status405MethodNotAllowed => "This route does not take that method.",
        _ => $"{ReasonPhrases.GetReasonPhrase(status)}.",
    };
}
