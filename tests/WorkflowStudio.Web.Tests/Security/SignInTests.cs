using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using WorkflowStudio.Testing;

namespace WorkflowStudio.Web.Tests.Security;

/// <summary>The real studio process: sign-in, lockout, the session cookie, the same-origin rule, allowed hosts and headers.</summary>
public sealed class SignInTests : IAsyncLifetime
{
    private StudioProcess _studio = null!;
    private string _data = null!;

    public async Task InitializeAsync()
    {
        _data = Directory.CreateTempSubdirectory("ws-signin-").FullName;
        _studio = await StudioProcess.StartAsync(Path.Combine(AppContext.BaseDirectory, "WorkflowStudio.Web.dll"), _data);
    }

    public async Task DisposeAsync()
    {
        await _studio.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Pages_and_the_api_need_a_user_and_the_owner_made_at_first_start_gets_in()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_studio.Address) };
        var page = await anonymous.GetAsync("/runs");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/workflows")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/hubs/runs/negotiate?negotiateVersion=1", null)).StatusCode);

        using var owner = await _studio.SignedInHttpAsync();
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/workflows")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/runs")).StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_httponly_and_samesite_strict()
    {
        var cookies = await _studio.SignInAsync();
        var session = cookies.GetAllCookies().Single(c => c.Name == StudioProcess.SessionCookie);
        Assert.True(session.HttpOnly);
        // CookieContainer does not keep SameSite, so read it from the header the sign-in sent.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(_studio.Address) };
        var form = await http.GetAsync("/signin");
        Assert.Contains(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith("studio.antiforgery=") && c.Contains("samesite=strict") && c.Contains("httponly"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await _studio.AddAccountAsync("locky", "a long enough passphrase", "Editor");
        for (var i = 0; i < 5; i++)
            await Assert.ThrowsAsync<InvalidOperationException>(() => _studio.SignInAsync("locky", "wrong password " + i));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _studio.SignInAsync("locky", "a long enough passphrase"));
    }

    [Fact]
    public async Task A_short_password_is_refused_by_the_rules()
    {
        using var owner = await _studio.SignedInHttpAsync();
        var answer = await owner.PostAsync("/api/accounts", JsonContent.Create(new { userName = "shorty", password = "short1", role = "Viewer" }));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("at least 12 characters", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_origin_is_refused_even_with_the_session_cookie()
    {
        using var owner = await _studio.SignedInHttpAsync();
        var foreign = new HttpRequestMessage(HttpMethod.Post, "/hubs/runs/negotiate?negotiateVersion=1");
        foreign.Headers.Add("Origin", "http://127.0.0.1:1");
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.SendAsync(foreign)).StatusCode);
        var own = new HttpRequestMessage(HttpMethod.Post, "/hubs/runs/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", _studio.Address);
        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(own)).StatusCode);

        // The WebSocket handshake itself, as a page on another loopback port would send it.
        var cookies = await _studio.SignInAsync();
        using var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        socket.Options.SetRequestHeader("Origin", "http://127.0.0.1:1");
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(_studio.Address.Replace("http", "ws") + "/hubs/runs"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task A_rebinding_host_name_is_refused()
    {
        using var owner = await _studio.SignedInHttpAsync();
        var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/workflows");
        rebound.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.SendAsync(rebound)).StatusCode);
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_no_cors()
    {
        using var http = _studio.Http();
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/workflows");
        preflight.Headers.Add("Access-Control-Request-Method", "DELETE");
        var answers = new[] { await http.GetAsync("/signin"), await http.SendAsync(preflight) };
        foreach (var answer in answers)
        {
            Assert.Contains("img-src 'self' data:", answer.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", answer.Headers.GetValues("Referrer-Policy").Single());
            Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
        }
    }
}
