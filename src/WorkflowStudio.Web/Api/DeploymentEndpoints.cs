using System.Net.ServerSentEvents;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Studio.Deployments;
using WorkflowStudio.Studio.Runs;
using WorkflowStudio.Studio.Versions;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// The public deployment API under /api/v1: call a release tag (waiting, streaming Server-Sent Events, or not waiting),
/// read a run, list and move tags. Every call needs an API key (<see cref="ApiKeyAuthenticationHandler"/>) and is rate
/// limited per key. Each handler is one call into the application layer's <see cref="DeploymentRuns"/>.
/// </summary>
public static class DeploymentEndpoints
{
    public const string Prefix = "/api/v1";
    public const string OpenApiDocument = "v1";
    public const string OpenApiPath = "/openapi/{documentName}.json";
    public const string ReferencePath = "/api-docs";
    private const string Policy = "api-key";
    private const string AdminPolicy = "api-key-admin";
    private const string RateLimitPolicy = "per-api-key";

    /// <summary>The API key scheme and policies, per-key rate limiting, and the OpenAPI document of /api/v1.</summary>
    public static IServiceCollection AddDeploymentApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeploymentApiOptions>().Bind(configuration.GetSection(DeploymentApiOptions.Section))
            .Validate(o => o.RateLimit.PermitLimit is >= 1 and <= 1_000_000, "Studio:Api:RateLimit:PermitLimit must be between 1 and 1000000.")
            .Validate(o => o.RateLimit.WindowSeconds is >= 1 and <= 86_400, "Studio:Api:RateLimit:WindowSeconds must be between 1 and 86400.")
            .ValidateOnStart();

        // No default scheme is set here: the host's own sign-in (cookies) stays the default, and /api/v1 names this one.
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(AdminPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, ApiKeyScopes.Admin));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicy, context =>
            {
                var limit = context.RequestServices.GetRequiredService<IOptions<DeploymentApiOptions>>().Value.RateLimit;
                // Authorization runs first, so the caller is known; a request without a key never gets this far.
                return RateLimitPartition.GetFixedWindowLimiter(context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? "",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = TimeSpan.FromSeconds(limit.WindowSeconds), QueueLimit = 0 });
            });
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                return ValueTask.CompletedTask;
            };
        });

        services.AddOpenApi(OpenApiDocument, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith(Prefix[1..], StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "WorkflowStudio deployment API";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer",
                    Description = $"An API key from the Deployments page, as 'Authorization: Bearer <key>' or '{ApiKeyAuthenticationHandler.HeaderName}: <key>'.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>
    /// Rate limiting per key. Call after authentication and authorization (the studio's <c>UseStudioSecurity</c>): the
    /// per-key limiter needs the caller that authorization established.
    /// </summary>
    public static IApplicationBuilder UseDeploymentApi(this IApplicationBuilder app) => app.UseRateLimiter();

    public static IEndpointRouteBuilder MapDeploymentApi(this IEndpointRouteBuilder app)
    {
        // The description of /api/v1 is for whoever holds a key, not only for studio users, and holds no data: public.
        app.MapOpenApi(OpenApiPath).AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, o => o.WithTitle("WorkflowStudio API").WithOpenApiRoutePattern(OpenApiPath)).AllowAnonymous()
            .WithMetadata(new Security.InlineScriptsAllowed());

        var api = app.MapGroup(Prefix).RequireAuthorization(Policy).RequireRateLimiting(RateLimitPolicy)
            .AddEndpointFilter(StoreErrorResults.Filter).WithTags("Deployments");

        api.MapPost("/deployments/{workflowId}/{tag}/runs", CallAsync).WithName("CallDeployment")
            .WithSummary("Runs the version a tag points at")
            .WithDescription("Waits and returns the outputs; streams the run's events as Server-Sent Events with 'Accept: text/event-stream'; "
                             + "with ?wait=false returns 202 and the run id at once. The same Idempotency-Key header gives the same run.")
            .Produces<DeploymentRunResult>().Produces<DeploymentRunAccepted>(StatusCodes.Status202Accepted)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesProblem(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status401Unauthorized).Produces(StatusCodes.Status403Forbidden).Produces(StatusCodes.Status429TooManyRequests);

        api.MapGet("/runs/{runId}", GetRunAsync).WithName("GetRun").WithSummary("A run's status and, once it completed, its outputs")
            .Produces<ApiRun>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/deployments/{workflowId}", ListTagsAsync).WithName("ListDeployments").WithSummary("The version each tag of a workflow serves")
            .Produces<IReadOnlyList<DeploymentTag>>();

        api.MapPut("/deployments/{workflowId}/{tag}", MoveTagAsync).RequireAuthorization(AdminPolicy).WithName("MoveTag")
            .WithSummary("Points a tag at a version (admin keys): new calls run it at once, runs in flight keep theirs")
            .Produces<DeploymentTag>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/deployments/{workflowId}/{tag}/resilience", GetResilienceAsync).WithName("GetResilience")
            .WithSummary("A tag's retries, per-attempt timeout, fallback model and response cache")
            .Produces<TagResilience>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/deployments/{workflowId}/{tag}/resilience", SetResilienceAsync).RequireAuthorization(AdminPolicy).WithName("SetResilience")
            .WithSummary("Sets a tag's resilience (admin keys): the next call uses it, runs in flight keep theirs; no new version")
            .Produces<TagResilience>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        FeedbackEndpoints.Map(api);
        return app;
    }

    private static async Task<IResult> CallAsync(string workflowId, string tag, Dictionary<string, JsonElement>? inputs, bool? wait,
        HttpContext http, DeploymentRuns deployments, CancellationToken ct)
    {
        if (!http.User.MayCall(workflowId)) return NotAllowed(workflowId);
        var idempotencyKey = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var call = new DeploymentCall(workflowId, tag, ToText(inputs), http.User.KeyId(), idempotencyKey);
        var started = await deployments.StartAsync(call, http.User.StartedBy(), ct);
        http.Response.Headers["X-Run-Id"] = started.RunId;
        if (started.Replayed) http.Response.Headers["Idempotent-Replayed"] = "true";

        if (wait == false)
        {
            var statusUrl = $"{Prefix}/runs/{started.RunId}";
            return TypedResults.Accepted(statusUrl, new DeploymentRunAccepted(started.RunId, started.WorkflowId, started.Version, started.Tag, statusUrl));
        }
        if (http.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true))
            return TypedResults.ServerSentEvents(Stream(deployments.FollowAsync(started.RunId, ct)));

        var outcome = await deployments.WaitAsync(started.RunId, ct);
        return ApiJson.Ok(new DeploymentRunResult(started.RunId, started.WorkflowId, started.Version, started.Tag, outcome.Status, outcome.Outputs, outcome.Error));
    }

    private static async Task<IResult> GetRunAsync(string runId, HttpContext http, RunHistory history, DeploymentRuns deployments, CancellationToken ct)
    {
        // A key that may not see the run's workflow gets the same answer as for a missing run, so ids do not leak.
        if (await history.GetAsync(runId, ct) is not { } run || !(http.User.IsAdmin() || http.User.MayCall(run.WorkflowId)))
            return Results.Problem(detail: $"There is no run '{runId}'.", statusCode: StatusCodes.Status404NotFound);
        var deployment = await deployments.FindAsync(runId, ct);
        return ApiJson.Ok(new ApiRun(run.Id, run.WorkflowId, run.VersionNumber, deployment?.Tag, run.Status, run.StartedAt, run.EndedAt, run.Outputs, run.Error));
    }

    private static async Task<IResult> ListTagsAsync(string workflowId, HttpContext http, WorkflowVersions versions, CancellationToken ct)
    {
        if (!http.User.MayCall(workflowId)) return NotAllowed(workflowId);
        var tags = await versions.ListTagsAsync(workflowId, ct);
        return ApiJson.Ok(tags.Select(t => new DeploymentTag(t.Name, t.VersionNumber, t.MovedAt, t.MovedBy)));
    }

    private static async Task<IResult> MoveTagAsync(string workflowId, string tag, MoveTagRequest move, HttpContext http, WorkflowVersions versions, CancellationToken ct)
    {
        if (!http.User.MayCall(workflowId)) return NotAllowed(workflowId);
        var moved = await versions.SetTagAsync(workflowId, tag, move.Version, http.User.StartedBy(), ct);
        return ApiJson.Ok(new DeploymentTag(moved.Name, moved.VersionNumber, moved.MovedAt, moved.MovedBy));
    }

    private static async Task<IResult> GetResilienceAsync(string workflowId, string tag, HttpContext http, DeploymentSettings settings, CancellationToken ct)
    {
        if (!http.User.MayCall(workflowId)) return NotAllowed(workflowId);
        return ApiJson.Ok(await settings.GetResilienceAsync(workflowId, tag, ct));
    }

    private static async Task<IResult> SetResilienceAsync(string workflowId, string tag, TagResilience resilience, HttpContext http,
        DeploymentSettings settings, CancellationToken ct)
    {
        if (!http.User.MayCall(workflowId)) return NotAllowed(workflowId);
        await settings.SetResilienceAsync(workflowId, tag, resilience, ct);
        return ApiJson.Ok(await settings.GetResilienceAsync(workflowId, tag, ct));
    }

    private static async IAsyncEnumerable<SseItem<string>> Stream(IAsyncEnumerable<Core.Running.RunEvent> events)
    {
        await foreach (var e in events)
            yield return new SseItem<string>(JsonSerializer.Serialize(e, ApiJson.Options), e.GetType().Name) { EventId = e.Sequence.ToString() };
    }

    /// <summary>Inputs are text to the runner; a JSON number or object is passed as its JSON text.</summary>
    private static Dictionary<string, string> ToText(Dictionary<string, JsonElement>? inputs) =>
        inputs?.ToDictionary(i => i.Key, i => i.Value.ValueKind == JsonValueKind.String ? i.Value.GetString()! : i.Value.GetRawText())
        ?? [];

    private static IResult NotAllowed(string workflowId) =>
        Results.Problem(detail: $"This API key may not call workflow '{workflowId}'.", statusCode: StatusCodes.Status403Forbidden);
}
