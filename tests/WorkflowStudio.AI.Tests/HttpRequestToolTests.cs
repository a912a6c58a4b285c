using WorkflowStudio.AI.Configuration;
using WorkflowStudio.AI.Tests.Support;
using WorkflowStudio.AI.Tools;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tests;

public sealed class HttpRequestToolTests : IAsyncLifetime
{
    private readonly LoopbackServer _server = new();
    private readonly HttpRequestTool _strict = new(new HttpToolOptions { TimeoutSeconds = 5 });
    private readonly HttpRequestTool _allowsServer = new(new HttpToolOptions { TimeoutSeconds = 5, AllowedNetworks = ["127.0.0.1/32"], MaxResponseBytes = 10 });

    private static Dictionary<string, string> Get(string url) => new() { ["url"] = url };

    [Theory]
    [InlineData("http://127.0.0.1/", "loopback")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://[::1]/", "loopback")]
    [InlineData("http://10.0.0.1/", "private")]
    [InlineData("http://192.168.1.1/", "private")]
    [InlineData("http://[::ffff:127.0.0.1]/", "loopback")]
    public async Task Requests_to_internal_addresses_are_refused(string url, string kind)
    {
        var error = await Assert.ThrowsAsync<ToolException>(() => _strict.InvokeAsync(Get(url), CancellationToken.None).AsTask());

        Assert.Equal("blocked_address", error.Code);
        Assert.Contains(kind, error.Message);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_after_resolution()
    {
        var error = await Assert.ThrowsAsync<ToolException>(() =>
            _strict.InvokeAsync(Get($"http://localhost:{_server.BaseUri.Port}/hello"), CancellationToken.None).AsTask());

        Assert.Equal("blocked_address", error.Code);
        Assert.Contains("refused localhost", error.Message);
        Assert.Equal(0, _server.HelloHits);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/file")]
    [InlineData("gopher://example.com/")]
    public async Task Other_schemes_are_refused(string url)
    {
        var error = await Assert.ThrowsAsync<ToolException>(() => _strict.InvokeAsync(Get(url), CancellationToken.None).AsTask());

        Assert.Equal("blocked_scheme", error.Code);
        Assert.Contains("only fetches http and https", error.Message);
    }

    [Fact]
    public async Task A_loopback_server_allowed_in_settings_is_reachable()
    {
        var tool = new HttpRequestTool(new HttpToolOptions { AllowedNetworks = ["127.0.0.1/32"] });

        var result = await tool.InvokeAsync(Get(new Uri(_server.BaseUri, "/hello").ToString()), CancellationToken.None);

        Assert.StartsWith("HTTP 200", result.Text);
        Assert.Contains("hello from loopback", result.Text);
        Assert.Equal(200, result.Json!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Responses_are_cut_at_the_size_limit()
    {
        var result = await _allowsServer.InvokeAsync(Get(new Uri(_server.BaseUri, "/hello").ToString()), CancellationToken.None);

        Assert.Equal("hello from", result.Json!["body"]!.ToString());
        Assert.True(result.Json!["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Redirects_between_allowed_addresses_are_followed()
    {
        var tool = new HttpRequestTool(new HttpToolOptions { AllowedNetworks = ["127.0.0.1/32"] });
        var target = new Uri(_server.BaseUri, "/hello").ToString();

        var result = await tool.InvokeAsync(Get(Redirect(target)), CancellationToken.None);

        Assert.Contains("hello from loopback", result.Text);
        Assert.Equal(target, result.Json!["url"]!.ToString());
    }

    [Theory]
    [InlineData("http://127.0.0.2/", "loopback")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://[::1]/", "loopback")]
    [InlineData("http://10.0.0.1/", "private")]
    [InlineData("file:///etc/passwd", "only fetches http and https")]
    public async Task A_redirect_from_an_allowed_server_to_an_internal_address_is_refused(string target, string expected)
    {
        var tool = new HttpRequestTool(new HttpToolOptions { AllowedNetworks = ["127.0.0.1/32"] });

        var error = await Assert.ThrowsAsync<ToolException>(() => tool.InvokeAsync(Get(Redirect(target)), CancellationToken.None).AsTask());

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task A_redirect_to_a_name_that_resolves_to_a_refused_loopback_address_is_refused()
    {
        // Only 127.0.0.1 is allowed; "localhost" also resolves to ::1, and 127.0.0.2 is a different loopback address.
        var tool = new HttpRequestTool(new HttpToolOptions { AllowedNetworks = ["127.0.0.1/32"] });

        var error = await Assert.ThrowsAsync<ToolException>(() =>
            tool.InvokeAsync(Get(Redirect($"http://[::1]:{_server.BaseUri.Port}/hello")), CancellationToken.None).AsTask());

        Assert.Equal("blocked_address", error.Code);
    }

    [Fact]
    public async Task Missing_and_malformed_arguments_are_clear_errors()
    {
        var missing = await Assert.ThrowsAsync<ToolException>(() => _strict.InvokeAsync(new Dictionary<string, string>(), CancellationToken.None).AsTask());
        var method = await Assert.ThrowsAsync<ToolException>(() =>
            _strict.InvokeAsync(new Dictionary<string, string> { ["url"] = "https://example.com", ["method"] = "DELETE" }, CancellationToken.None).AsTask());
        var relative = await Assert.ThrowsAsync<ToolException>(() => _strict.InvokeAsync(Get("/etc/passwd"), CancellationToken.None).AsTask());

        Assert.Contains("needs the argument 'url'", missing.Message);
        Assert.Contains("GET and POST", method.Message);
        Assert.Equal("blocked_scheme", relative.Code);
    }

    private string Redirect(string to) => new Uri(_server.BaseUri, "/redirect?to=" + Uri.EscapeDataString(to)).ToString();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _strict.Dispose();
        _allowsServer.Dispose();
        await _server.DisposeAsync();
    }
}
