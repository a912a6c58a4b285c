using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace WorkflowStudio.Web.Tests.Security;

/// <summary>
/// The studio as Program.cs builds it, its endpoints read from the running app rather than listed by hand: every page
/// and endpoint, including ones added after this test was written, needs a user (the authorization fallback policy)
/// unless it is one of the documented public doors. Each is also asked without a user over Kestrel and must refuse.
/// </summary>
public sealed class EveryEndpointNeedsAUserTests(StudioApp studio, ITestOutputHelper output) : IClassFixture<StudioApp>
{
    /// <summary>The sign-in page, and the description of the key-protected /api/v1 (README: "Deploy").</summary>
    private static readonly string[] PublicRoutes = ["/signin", "/openapi/", "/api-docs"];

    [Fact]
    public async Task Every_page_and_endpoint_but_the_documented_public_ones_requires_a_user()
    {
        var open = new List<string>();
        foreach (var endpoint in RouteEndpoints())
        {
            if (await RequiresUserAsync(endpoint)) continue;
            if (IsStaticAsset(endpoint)) continue;
            if (IsDocumentedPublic(endpoint))
            {
                output.WriteLine("public: " + Describe(endpoint));
                continue;
            }
            open.Add(Describe(endpoint));
        }
        Assert.True(open.Count == 0, "Reachable without a user:\n" + string.Join("\n", open));
    }

    [Fact]
    public void Every_routable_page_is_among_the_mapped_endpoints()
    {
        var patterns = RouteEndpoints().Select(e => e.RoutePattern.RawText).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.Contains(page, patterns));
    }

    [Fact]
    public async Task Without_a_user_every_protected_endpoint_refuses_over_http()
    {
        using var anonymous = studio.Anonymous();
        var answered = new List<string>();
        foreach (var endpoint in RouteEndpoints())
        {
            if (!await RequiresUserAsync(endpoint)) continue;
            var path = Concrete(endpoint.RoutePattern);
            foreach (var method in Methods(endpoint))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                using var response = await anonymous.SendAsync(request);
                if (!Refused(response, path)) answered.Add($"{method} {path}: {(int)response.StatusCode}");
            }
        }
        Assert.True(answered.Count == 0, "Answered without a user:\n" + string.Join("\n", answered));
    }

    [Theory]
    [InlineData("/signin")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api-docs/")]
    [InlineData("/css/studio.css")]
    public async Task The_documented_public_doors_answer_without_a_user(string path)
    {
        using var anonymous = studio.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Only_the_api_reference_may_run_inline_scripts()
    {
        using var anonymous = studio.Anonymous();
        static async Task<string> PolicyOf(Task<HttpResponseMessage> answer) => (await answer).Headers.GetValues("Content-Security-Policy").Single();

        Assert.Contains("script-src 'self' 'unsafe-inline'", await PolicyOf(anonymous.GetAsync("/api-docs/")));
        Assert.Contains("script-src 'self';", await PolicyOf(anonymous.GetAsync("/signin")));
        Assert.Contains("script-src 'self';", await PolicyOf(anonymous.GetAsync("/workflows")));
    }

    /// <summary>
    /// A 401, or the sign-in page with this very path to return to: a route that failed to match would be re-executed as
    /// the not-found page and come back with that page's path instead, so a refusal here proves the endpoint was reached.
    /// </summary>
    private static bool Refused(HttpResponseMessage response, string path) =>
        response.StatusCode == HttpStatusCode.Unauthorized
        || response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
           && (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString) is var target
           && target.StartsWith(SignInReturning, StringComparison.Ordinal)
           && Uri.UnescapeDataString(target[SignInReturning.Length..]) == path;

    private const string SignInReturning = "/signin?ReturnUrl=";

    private IEnumerable<RouteEndpoint> RouteEndpoints() =>
        studio.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private async Task<bool> RequiresUserAsync(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) return false;
        var provider = studio.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(provider, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
                         endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>())
                     ?? await provider.GetFallbackPolicyAsync();
        return policy?.Requirements.Any(r => r is DenyAnonymousAuthorizationRequirement or RolesAuthorizationRequirement or ClaimsAuthorizationRequirement) == true;
    }

    // MapStaticAssets serves the files of wwwroot and of packages; each endpoint names the file it serves.
    private static bool IsStaticAsset(Endpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor");

    private static bool IsDocumentedPublic(RouteEndpoint endpoint) =>
        PublicRoutes.Any(p => ("/" + endpoint.RoutePattern.RawText!.TrimStart('/')).StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> Methods(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods.Where(m => m != "OPTIONS") : ["GET"];

    /// <summary>A path the pattern matches: each parameter gets a value its constraints accept.</summary>
    private static string Concrete(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => Sample(parameter),
            _ => "",
        }))));

    private static string Sample(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content).ToList();
        if (constraints.Any(c => c is "int" or "long" or "min(1)" || c?.StartsWith("min(", StringComparison.Ordinal) == true)) return "1";
        if (constraints.Contains("guid")) return Guid.Empty.ToString();
        return "sample";
    }

    private static string Describe(RouteEndpoint endpoint) =>
        $"{string.Join(",", Methods(endpoint))} /{endpoint.RoutePattern.RawText?.TrimStart('/')} ({endpoint.DisplayName})";
}
