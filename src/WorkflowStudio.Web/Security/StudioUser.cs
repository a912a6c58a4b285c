using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using WorkflowStudio.Studio.Security;

namespace WorkflowStudio.Web.Security;

/// <summary>Who is asking, as the application layer takes it: the signed-in name as author, and the role that decides what may change.</summary>
public sealed record StudioUser(string Name, StudioRole Role)
{
    /// <summary>
    /// The user of a request or circuit, with the widest studio role they hold (a viewer when they hold none).
    /// </summary>
    public static StudioUser From(ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name })
            throw new InvalidOperationException("No user is signed in; every studio endpoint requires one.");
        return new StudioUser(name, StudioRoles.Strongest(principal.IsInRole));
    }
}

/// <summary>The signed-in user of a Blazor circuit, for components that save, restore, tag or run.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    public async Task<StudioUser> GetAsync() => StudioUser.From((await authentication.GetAuthenticationStateAsync()).User);
}
