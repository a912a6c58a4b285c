using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Testing.Loopback;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data;
using WorkflowStudio.Studio.Security;
using WorkflowStudio.Web.Settings;

namespace WorkflowStudio.Web.Tests.Security;

/// <summary>
/// Provider keys entered by an owner: stored only encrypted, never shown or audited, sent by the real model gateway to an
/// OpenAI-wire server on loopback, and overridden by the provider's environment variable.
/// </summary>
public sealed class ProviderKeysTests : StudioTestContext, IDisposable
{
    private const string Provider = "loop";
    private const string Model = "loop-model";
    private const string Key = "sk-test-1234567890-stored-abcd";

    // A variable no one sets, unique to this test class so setting it here cannot leak into another test.
    private readonly string _keyVariable = "WS_TEST_PROVIDER_KEY_" + Guid.NewGuid().ToString("N");
    private readonly LoopbackServer _server = new();
    private readonly TempStudioData _data;

    public ProviderKeysTests()
    {
        _data = new TempStudioData(settings: new Dictionary<string, string?>
        {
            [$"Studio:Models:Providers:{Provider}:Endpoint"] = _server.Endpoint,
            [$"Studio:Models:Providers:{Provider}:ApiKeyEnv"] = _keyVariable,
            [$"Studio:Models:Providers:{Provider}:Models:0"] = Model,
        });
        Services.AddSingleton(_data.Get<ProviderKeys>());
    }

    private ProviderKeys Keys => _data.Get<ProviderKeys>();

    private async Task<string> CallModelAsync()
    {
        _server.Authorizations.Clear();
        var gateway = _data.Get<IModelGateway>();
        await gateway.CompleteAsync(new ModelRequest(Model, [new ChatMessage(ChatRole.User, "hello")]) { Stream = false }, null, CancellationToken.None);
        return Assert.Single(_server.Authorizations);
    }

    [Fact]
    public async Task A_stored_key_is_what_the_provider_receives_and_a_replaced_one_is_used_from_the_next_call()
    {
        Assert.Contains("no key is stored", _data.Get<IModelGateway>().CheckModel(Model));

        await Keys.SetAsync(Provider, Key, "tester", StudioRole.Owner);
        Assert.Equal("Bearer " + Key, await CallModelAsync());

        await Keys.SetAsync(Provider, "sk-test-replacement-key-wxyz", "tester", StudioRole.Owner);
        Assert.Equal("Bearer sk-test-replacement-key-wxyz", await CallModelAsync());

        Assert.True(await Keys.RemoveAsync(Provider, "tester", StudioRole.Owner));
        Assert.Contains("no key is stored", _data.Get<IModelGateway>().CheckModel(Model));
    }

    [Fact]
    public async Task The_environment_variable_wins_over_the_stored_key()
    {
        await Keys.SetAsync(Provider, Key, "tester", StudioRole.Owner);
        Environment.SetEnvironmentVariable(_keyVariable, "sk-from-the-environment");
        try
        {
            Assert.Equal("Bearer sk-from-the-environment", await CallModelAsync());
            Assert.Equal(ProviderKeySource.Environment, (await Keys.ListAsync(StudioRole.Owner)).Single().Source);
        }
        finally
        {
            Environment.SetEnvironmentVariable(_keyVariable, null);
        }
        Assert.Equal(ProviderKeySource.Stored, (await Keys.ListAsync(StudioRole.Owner)).Single().Source);
    }

    [Fact]
    public async Task No_file_of_the_data_directory_holds_the_key_and_the_audit_log_says_key_set_without_it()
    {
        await Keys.SetAsync(Provider, Key, "tester", StudioRole.Owner);
        Assert.Equal("Bearer " + Key, await CallModelAsync());
        SqliteConnection.ClearAllPools();

        var files = Directory.GetFiles(_data.Folder, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("studio.db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains($"{Path.DirectorySeparatorChar}keys{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        // The write-ahead files first: the model call is recorded in the background, and when its connection closes
        // after the listing SQLite moves the -wal's pages into studio.db and deletes it, so studio.db read after holds them.
        foreach (var file in files.OrderBy(f => f.EndsWith("-wal", StringComparison.Ordinal) || f.EndsWith("-shm", StringComparison.Ordinal) ? 0 : 1))
        {
            if (!File.Exists(file)) continue;
            byte[] bytes;
            try { bytes = await File.ReadAllBytesAsync(file); }
            catch (FileNotFoundException) { continue; }
            foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
                Assert.True(bytes.AsSpan().IndexOf(encoding.GetBytes(Key)) < 0, $"{file} holds the key ({encoding.EncodingName}).");
        }

        var audit = await _data.Audit.ListAsync(StudioRole.Owner);
        var set = Assert.Single(audit, e => e.Action == AuditActions.ProviderKeySet);
        Assert.Equal((Provider, "tester", "key set, stored encrypted"), (set.Target, set.Actor, set.Detail));
        Assert.DoesNotContain(audit, e => $"{e.Actor}{e.Target}{e.Detail}".Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_page_stores_a_key_then_shows_only_its_ending()
    {
        var page = Render<ProviderKeysPage>();
        page.WaitForElement("[data-testid=providers-table]");
        Assert.Equal("none", page.Find($"[data-testid=providers-row-{Provider}-stored]").TextContent);

        page.Find($"input[data-testid=providers-row-{Provider}-key]").Input(Key);
        page.Find($"[data-testid=providers-row-{Provider}-set]").Click();

        page.WaitForAssertion(() => Assert.StartsWith("set, ending …abcd", page.Find($"[data-testid=providers-row-{Provider}-stored]").TextContent));
        Assert.Equal("the stored key", page.Find($"[data-testid=providers-row-{Provider}-source]").TextContent);
        Assert.DoesNotContain(Key, page.Markup);
        Assert.Equal("Bearer " + Key, await CallModelAsync());
    }

    [Theory]
    [InlineData("sk with spaces", "no spaces")]
    [InlineData("", "Enter the key")]
    public async Task A_malformed_key_is_refused_with_a_sentence_and_nothing_is_stored(string key, string expected)
    {
        var refused = await Assert.ThrowsAsync<StoreException>(() => Keys.SetAsync(Provider, key, "tester", StudioRole.Owner));
        Assert.Contains(expected, refused.Message);
        var unknown = await Assert.ThrowsAsync<StoreException>(() => Keys.SetAsync("nowhere", Key, "tester", StudioRole.Owner));
        Assert.Equal(StoreErrorKind.NotFound, unknown.Kind);
        Assert.Null((await Keys.ListAsync(StudioRole.Owner)).Single().Stored);
    }

    [Theory]
    [InlineData(StudioRole.Editor)]
    [InlineData(StudioRole.PromptEditor)]
    [InlineData(StudioRole.Viewer)]
    public async Task Other_roles_may_not_see_or_change_provider_keys(StudioRole role)
    {
        AddAuthorization().SetAuthorized("ed").SetRoles(role.ToString());
        var page = Render<ProviderKeysPage>();
        page.WaitForAssertion(() => Assert.Contains("Only owners", page.Find("[data-testid=providers-error]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=providers-table]"));

        foreach (var refused in new Func<Task>[] { () => Keys.SetAsync(Provider, Key, "ed", role), () => Keys.RemoveAsync(Provider, "ed", role), () => Keys.ListAsync(role) })
            Assert.Equal(StoreErrorKind.Forbidden, (await Assert.ThrowsAsync<StoreException>(refused)).Kind);
    }

    void IDisposable.Dispose()
    {
        _data.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
