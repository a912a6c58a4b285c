using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WorkflowStudio.Studio.Deployments;

namespace WorkflowStudio.Web.Api;

/// <summary>
/// The "ApiKey" authentication scheme of /api/v1: a key in <c>Authorization: Bearer</c> or <c>X-Api-Key</c>, looked up
/// (by its hash) on every request so a revoked key fails at once. It is never the default scheme: only endpoints whose
/// policy names it use it, so cookie sign-in for pages, the hub and /api composes beside it.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyIdClaim = "ws:api-key";
    public const string ScopeClaim = "ws:scope";
    public const string WorkflowClaim = "ws:workflow";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ReadSecret();
        if (secret is null) return AuthenticateResult.NoResult();
        var key = await keys.AuthenticateAsync(secret, Context.RequestAborted);
        // The sentence never repeats the secret: failures may be logged.
        if (key is null) return AuthenticateResult.Fail("The API key is unknown or revoked.");

        var claims = new List<Claim>
        {
            new(KeyIdClaim, key.Id), new(ClaimTypes.Name, key.Name), new(ScopeClaim, key.Scope),
        };
        claims.AddRange(key.Workflows.Select(w => new Claim(WorkflowClaim, w)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }

    private string? ReadSecret()
    {
        if (Request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header)) return header.ToString().Trim();
        var authorization = Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }
}

/// <summary>What the API key on a request lets it do.</summary>
internal static class ApiKeyCaller
{
    public static string KeyId(this ClaimsPrincipal user) => user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim)!;

    public static string StartedBy(this ClaimsPrincipal user) => "api:" + user.Identity!.Name;

    public static bool IsAdmin(this ClaimsPrincipal user) => user.HasClaim(ApiKeyAuthenticationHandler.ScopeClaim, ApiKeyScopes.Admin);

    public static bool MayCall(this ClaimsPrincipal user, string workflowId) =>
        ApiKeys.Allows(user.FindAll(ApiKeyAuthenticationHandler.WorkflowClaim).Select(c => c.Value).ToList(), workflowId);
}
