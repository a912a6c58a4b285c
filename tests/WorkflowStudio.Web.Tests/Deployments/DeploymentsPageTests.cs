using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Studio;
using WorkflowStudio.Studio.Deployments;
using WorkflowStudio.Web.Deployments;

namespace WorkflowStudio.Web.Tests.Deployments;

/// <summary>The Deployments page over the real application layer and a SQLite file: tags, rolling back, snippets and keys.</summary>
public sealed class DeploymentsPageTests : StudioTestContext, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("studio-deploy-page-").FullName;
    private readonly ServiceProvider _studio;

    public DeploymentsPageTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StudioPaths.DataDirectoryKey] = _folder }).Build();
        _studio = new ServiceCollection().AddLogging().AddWorkflowStudio(configuration, StudioPaths.From(configuration, _folder, _folder)).BuildServiceProvider();
        Services.AddSingleton(_studio.GetRequiredService<WorkflowLibrary>());
        Services.AddSingleton(_studio.GetRequiredService<WorkflowVersions>());
        Services.AddSingleton(_studio.GetRequiredService<ApiKeys>());
        Services.AddSingleton(_studio.GetRequiredService<DeploymentSettings>());
    }

    private async Task SaveTwoVersionsAsync()
    {
        var store = _studio.GetRequiredService<IWorkflowStore>();
        await store.SaveAsync(new SaveRequest(DeploymentServer.Held, "holds", "tester", BasedOn: null));
        await store.SaveAsync(new SaveRequest(DeploymentServer.Quick, "answers at once", "tester", BasedOn: 1));
        await store.SetTagAsync(DeploymentServer.WorkflowId, DeploymentServer.Tag, 1, "tester");
        await store.SetTagAsync(DeploymentServer.WorkflowId, DeploymentServer.Tag, 2, "tester");
    }

    [Fact]
    public async Task Shows_each_tag_with_its_version_and_snippets_and_rolls_a_tag_back()
    {
        await SaveTwoVersionsAsync();

        var page = Render<DeploymentsPage>(p => p.Add(x => x.WorkflowId, DeploymentServer.WorkflowId));

        page.WaitForAssertion(() => Assert.Equal("v2", page.Find("[data-testid=deploy-tag-production-version]").TextContent));
        var curl = page.Find("[data-testid=deploy-snippet-curl]").TextContent;
        Assert.Contains("/api/v1/deployments/story/production/runs", curl);
        Assert.Contains("\"topic\"", curl);
        Assert.Contains(DeploymentSnippets.KeyPlaceholder, curl);
        Assert.Contains("PostAsJsonAsync", page.Find("[data-testid=deploy-snippet-csharp]").TextContent);

        page.Find("[data-testid=deploy-tag-production-rollback]").Click();

        page.WaitForAssertion(() => Assert.Equal("v1", page.Find("[data-testid=deploy-tag-production-version]").TextContent));
        Assert.Equal(1, (await _studio.GetRequiredService<WorkflowVersions>().ListTagsAsync(DeploymentServer.WorkflowId)).Single().VersionNumber);
    }

    [Fact]
    public async Task A_tag_opts_in_to_keeping_prompt_text()
    {
        await SaveTwoVersionsAsync();
        var page = Render<DeploymentsPage>(p => p.Add(x => x.WorkflowId, DeploymentServer.WorkflowId));
        page.WaitForAssertion(() => page.Find("[data-testid=deploy-tag-production-record-text]"));

        page.FindComponent<MudBlazor.MudSwitch<bool>>().Find("input").Change(true);

        var settings = _studio.GetRequiredService<DeploymentSettings>();
        page.WaitForAssertion(() => Assert.True(settings.GetRecordTextAsync(DeploymentServer.WorkflowId, DeploymentServer.Tag).GetAwaiter().GetResult()));
    }

    [Fact]
    public async Task The_selected_tag_s_resilience_is_saved_from_the_form_without_a_new_version()
    {
        await SaveTwoVersionsAsync();
        var page = Render<DeploymentsPage>(p => p.Add(x => x.WorkflowId, DeploymentServer.WorkflowId));
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("input[data-testid=resilience-retries]").GetAttribute("value")));

        page.Find("input[data-testid=resilience-retries]").Change("4");
        page.Find("input[data-testid=resilience-delay]").Change("250");
        page.Find("input[data-testid=resilience-timeout]").Change("30");
        page.Find("input[data-testid=resilience-fallback]").Change("offline");
        page.Find("input[data-testid=resilience-cache]").Change(true);
        page.Find("[data-testid=resilience-save]").Click();

        page.WaitForElement("[data-testid=resilience-saved]");
        var settings = _studio.GetRequiredService<DeploymentSettings>();
        Assert.Equal(new Data.Monitoring.TagResilience(4, 250, 30, "offline", true), await settings.GetResilienceAsync(DeploymentServer.WorkflowId, DeploymentServer.Tag));
        Assert.Equal(2, (await _studio.GetRequiredService<WorkflowVersions>().ListAsync(DeploymentServer.WorkflowId)).Count);
    }

    [Fact]
    public async Task An_unknown_fallback_model_is_refused_with_the_reason_and_nothing_is_saved()
    {
        await SaveTwoVersionsAsync();
        var page = Render<DeploymentsPage>(p => p.Add(x => x.WorkflowId, DeploymentServer.WorkflowId));
        page.WaitForElement("input[data-testid=resilience-fallback]");

        page.Find("input[data-testid=resilience-fallback]").Change("gpt-nowhere");
        page.Find("[data-testid=resilience-save]").Click();

        var error = page.WaitForElement("[data-testid=resilience-error]").TextContent;
        Assert.Contains("The fallback model cannot be used", error);
        Assert.Contains("gpt-nowhere", error);
        Assert.Null((await _studio.GetRequiredService<DeploymentSettings>().GetResilienceAsync(DeploymentServer.WorkflowId, DeploymentServer.Tag)).FallbackModel);
    }

    [Fact]
    public async Task Creates_a_key_shown_once_and_revokes_it()
    {
        await SaveTwoVersionsAsync();
        var page = Render<DeploymentsPage>(p => p.Add(x => x.WorkflowId, DeploymentServer.WorkflowId));

        page.Find("input[data-testid=keys-name]").Change("checkout");
        page.Find("[data-testid=keys-create]").Click();

        var secret = page.WaitForElement("[data-testid=keys-secret]").TextContent;
        var keys = _studio.GetRequiredService<ApiKeys>();
        Assert.NotNull(await keys.AuthenticateAsync(secret));
        Assert.Contains("never", page.Find("[data-testid=keys-row-checkout]").TextContent.Replace(secret, ""));

        page.Find("[data-testid=keys-row-checkout-revoke]").Click();

        page.WaitForAssertion(() => Assert.Contains("revoked", page.Find("[data-testid=keys-row-checkout]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=keys-secret]"));
        Assert.Null(await keys.AuthenticateAsync(secret));
    }

    void IDisposable.Dispose()
    {
        _studio.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
