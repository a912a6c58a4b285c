using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using WorkflowStudio.Studio.Deployments;

namespace WorkflowStudio.Web.Tests.Deployments;

/// <summary>Every /api/v1 call needs a live key with the right scope, and each key is rate limited on its own.</summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private DeploymentServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await DeploymentServer.StartAsync(new Dictionary<string, string?>
        {
            ["Studio:Api:RateLimit:PermitLimit"] = "3",
            ["Studio:Api:RateLimit:WindowSeconds"] = "3600",
        });
        _server.Gate.Release();
    }

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    private static string TagsPath => $"/api/v1/deployments/{DeploymentServer.WorkflowId}";

    [Fact]
    public async Task A_call_without_a_key_or_with_a_wrong_one_is_401()
    {
        using var http = _server.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(TagsPath)).StatusCode);

        http.DefaultRequestHeaders.Add("X-Api-Key", "wsk_not-a-key");
        var wrong = await http.GetAsync(TagsPath);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Bearer", wrong.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_key_works_as_a_bearer_token_or_an_X_Api_Key_header_and_a_revoked_one_is_refused_at_once()
    {
        var key = await _server.Keys.CreateAsync("billing app", ApiKeyScopes.Run, [DeploymentServer.WorkflowId], "tester");
        using var bearer = _server.Anonymous();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", key.Secret);
        using var header = _server.Anonymous();
        header.DefaultRequestHeaders.Add("X-Api-Key", key.Secret);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync(TagsPath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await header.GetAsync(TagsPath)).StatusCode);

        Assert.True(await _server.Keys.RevokeAsync(key.Key.Id));

        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync(TagsPath)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await header.GetAsync(TagsPath)).StatusCode);
    }

    [Fact]
    public async Task A_key_is_stored_only_as_its_hash_and_its_last_use_is_recorded()
    {
        var key = await _server.Keys.CreateAsync("reports", ApiKeyScopes.Run, ["*"], "tester");
        Assert.Null((await _server.Keys.ListAsync()).Single(k => k.Id == key.Key.Id).LastUsedAt);
        using var http = _server.Anonymous();
        http.DefaultRequestHeaders.Add("X-Api-Key", key.Secret);

        await http.GetAsync(TagsPath);

        Assert.NotNull((await _server.Keys.ListAsync()).Single(k => k.Id == key.Key.Id).LastUsedAt);
        Assert.StartsWith(key.Key.Prefix, key.Secret);
        await using var db = new SqliteConnection($"Data Source={_server.DatabasePath};Mode=ReadOnly");
        await db.OpenAsync();
        await using var query = db.CreateCommand();
        query.CommandText = "SELECT * FROM ApiKeys";
        await using var rows = await query.ExecuteReaderAsync();
        while (await rows.ReadAsync())
            for (var i = 0; i < rows.FieldCount; i++)
                Assert.NotEqual(key.Secret, rows.GetValue(i)?.ToString());
    }

    [Fact]
    public async Task A_key_reaches_only_its_workflows_and_only_an_admin_key_moves_tags()
    {
        using var elsewhere = await _server.ClientAsync(ApiKeyScopes.Admin, "another-workflow");
        Assert.Equal(HttpStatusCode.Forbidden, (await elsewhere.PostAsJsonAsync(DeploymentServer.CallPath(), new { topic = "x" })).StatusCode);

        using var runner = await _server.ClientAsync(ApiKeyScopes.Run);
        var move = $"{TagsPath}/{DeploymentServer.Tag}";
        Assert.Equal(HttpStatusCode.Forbidden, (await runner.PutAsJsonAsync(move, new { version = 2 })).StatusCode);

        using var admin = await _server.ClientAsync(ApiKeyScopes.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(move, new { version = 2 })).StatusCode);
    }

    [Fact]
    public async Task Each_key_is_rate_limited_on_its_own_with_429_and_Retry_After()
    {
        using var busy = await _server.ClientAsync();
        using var quiet = await _server.ClientAsync();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync(TagsPath)).StatusCode);

        var refused = await busy.GetAsync(TagsPath);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter!.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync(TagsPath)).StatusCode);
    }
}
