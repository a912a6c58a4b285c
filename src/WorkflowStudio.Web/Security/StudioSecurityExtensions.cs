using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;
using System.Security.Claims;
using WorkflowStudio.Data.Identity;
using WorkflowStudio.Studio.Security;

namespace WorkflowStudio.Web.Security;

/// <summary>
/// Sign-in and the hardened surface: every endpoint needs a signed-in user unless it says otherwise, the session cookie
/// is HttpOnly and SameSite=Strict, requests from any other origin are refused, and every answer carries the security
/// headers. docs/security.md says what is enforced where.
/// </summary>
public static class StudioSecurityExtensions
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";

    /// <summary>
    /// The script, style and connection sources Blazor Server, MudBlazor and Monaco need, and nothing remote: MudBlazor
    /// and the diagram library set inline styles; Monaco starts its workers from blob: URLs; images are the studio's own
    /// or data: URLs, so a model's Markdown cannot make the browser fetch anything.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    /// <summary>The policy of endpoints marked <see cref="InlineScriptsAllowed"/>: the same, but inline scripts run.</summary>
    public static readonly string InlineScriptsPolicy = ContentSecurityPolicy.Replace("script-src 'self';", "script-src 'self' 'unsafe-inline';", StringComparison.Ordinal);

    public static IServiceCollection AddStudioSecurity(this IServiceCollection services)
    {
        // The password and lockout rules are the data layer's (StudioIdentity), shared by every host; this adds cookies and sign-in.
        services.AddIdentity<IdentityUser, IdentityRole>().AddStudioIdentityStores();
        // A role change, new password, lock or delete renews the account's security stamp; sessions notice within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = SignInPath;
            cookie.AccessDeniedPath = SignInPath;
            cookie.Cookie.Name = "studio.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.SlidingExpiration = true;
            // Programs get a status code, not a sign-in page they cannot fill in.
            cookie.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "studio.antiforgery";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(nameof(StudioRole.Owner), policy => policy.RequireRole(nameof(StudioRole.Owner)));
        services.AddCascadingAuthenticationState();
        services.AddScoped<CurrentUser>();
        services.AddHostedService<OwnerAccount>();
        return services;
    }

    /// <summary>Headers, the same-origin rule, then authentication and authorization; call before mapping endpoints.</summary>
    public static WebApplication UseStudioSecurity(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.GetEndpoint()?.Metadata.GetMetadata<InlineScriptsAllowed>() is null
                ? ContentSecurityPolicy
                : InlineScriptsPolicy;
            headers.XContentTypeOptions = "nosniff";
            // Not "no-referrer": under it Chromium sends "Origin: null" on the studio's own form posts, which the rule below refuses.
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            // Programs get the status code they caused, not the HTML not-found page (which, needing a user, would
            // turn an API's 401 into a sign-in redirect).
            if (IsForPrograms(context.Request) && context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            if (!IsSameOrigin(context.Request))
            {
                // Browsers send Origin on every cross-origin fetch, form post and WebSocket handshake; the studio serves
                // only its own pages, so any other origin (another site, or another port on loopback) is refused. This
                // is what closes cross-site WebSocket hijacking of the hub and the Blazor circuit.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("Requests from another origin are refused.");
                return;
            }
            await next();
        });
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Sign-out (a form post with its antiforgery token) and, for owners, the audit log over the API.</summary>
    public static IEndpointRouteBuilder MapStudioAccounts(this IEndpointRouteBuilder app)
    {
        app.MapPost(SignOutPath, async (SignInManager<IdentityUser> signIn, ClaimsPrincipal user, AuditTrail audit) =>
        {
            await audit.RecordAsync(StudioUser.From(user).Name, AuditActions.SignedOut);
            await signIn.SignOutAsync();
            return Results.LocalRedirect(SignInPath);
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());


        app.MapGet("/api/audit", async (ClaimsPrincipal user, AuditTrail audit, int? limit, long? before, CancellationToken ct) =>
            Results.Ok(await audit.ListAsync(StudioUser.From(user).Role, limit ?? 200, before, ct))).RequireAuthorization(nameof(StudioRole.Owner));
        return app;
    }

    internal static bool IsSameOrigin(HttpRequest request) =>
        !request.Headers.TryGetValue("Origin", out var origin)
        || string.Equals(origin.ToString(), $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);

    private static bool IsForPrograms(HttpRequest request) => request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs");

    private static Task Answer(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (IsForPrograms(context.Request))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
