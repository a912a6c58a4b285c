using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Studio;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Studio.Evaluations;
using WorkflowStudio.Studio.Monitoring;
using WorkflowStudio.Web.Monitoring;

namespace WorkflowStudio.Web.Tests.Monitoring;

/// <summary>The Monitoring page over the real application layer and a SQLite file.</summary>
public sealed class MonitoringPageTests : StudioTestContext, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("studio-monitor-page-").FullName;
    private readonly ServiceProvider _studio;

    public MonitoringPageTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StudioPaths.DataDirectoryKey] = _folder }).Build();
        _studio = new ServiceCollection().AddLogging().AddWorkflowStudio(configuration, StudioPaths.From(configuration, _folder, _folder)).BuildServiceProvider();
        Services.AddSingleton(_studio.GetRequiredService<MonitoringQueries>());
        Services.AddSingleton(_studio.GetRequiredService<RunFeedback>());
        Services.AddSingleton(_studio.GetRequiredService<AlertMonitor>());
        Services.AddSingleton(_studio.GetRequiredService<FineTuneExport>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(_studio.GetRequiredService<OnlineEvaluation>());
    }

    [Fact]
    public async Task The_online_evaluation_panel_shows_the_pass_rate_of_a_tags_scored_live_runs()
    {
        await Get<WorkflowStudio.Studio.Workflows.WorkflowLibrary>().SaveAsync(new WorkflowStudio.Core.Building.WorkflowBuilder("story", "Story")
            .Input("topic").Output("story", "{{topic}}").Edge("topic", "story").Build());
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        await Get<IOnlineEvaluationStore>().AppendScoresAsync([
            new("run-1", "story", 1, "production", "contains", 1, true, "found", at),
            new("run-2", "story", 1, "production", "contains", 1, true, "found", at),
            new("run-3", "story", 1, "production", "contains", 0, false, "missing", at),
        ]);

        var page = Render<MonitoringPage>();

        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[data-testid=online-scores]").GetAttribute("data-scores")));
        Assert.Contains("3 scores, 66.7% passed", page.Find("[data-testid=online-scores-summary]").TextContent);
        Assert.NotNull(page.Find("#chart-online-plot"));
    }

    private T Get<T>() where T : notnull => _studio.GetRequiredService<T>();

    private static ModelCallRecord Call(string step, int latencyMs, string? error = null, string? prompt = null, bool cacheHit = false) =>
        new(0, DateTimeOffset.UtcNow.AddMinutes(-5), "story", 2, "production", "run-1", step, 1, "offline", "Chat", 12, 30, 0.25m,
            TimeSpan.FromMilliseconds(latencyMs), TimeSpan.FromMilliseconds(4), cacheHit, error is null ? 1 : 3, error is null ? null : "provider_error", error,
            prompt, prompt is null ? null : "an answer");

    [Fact]
    public void With_nothing_recorded_it_tells_a_new_user_how_to_get_data()
    {
        var page = Render<MonitoringPage>();

        page.WaitForAssertion(() => Assert.Contains("Nothing recorded", page.Find("[data-testid=monitoring-empty]").TextContent));
        Assert.Contains("Deployments", page.Find("[data-testid=online-scores-empty]").TextContent);
        Assert.Contains("Designer", page.Find("[data-testid=monitoring-empty]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=monitoring-charts]"));
    }

    [Fact]
    public async Task Shows_totals_charts_tables_and_a_call_list_whose_rows_open_their_details_escaped()
    {
        await Get<IModelCallStore>().AppendAsync([
            Call("writer", 40, prompt: "<script>alert(1)</script> Write about rivers"),
            Call("editor", 900, error: "The provider failed (HTTP 500)."),
        ]);

        var page = Render<MonitoringPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=call-row]").Count));
        Assert.Contains("50.0%", page.Find("[data-testid=total-errors]").TextContent);
        Assert.Equal(4, page.FindAll("[data-testid^=chart-]").Count(e => e.GetAttribute("data-testid")!.Split('-').Length == 2));
        Assert.Contains("editor", page.Find("[data-testid=slowest-steps]").TextContent);
        Assert.Contains("provider_error", page.Find("[data-testid=failure-reasons]").TextContent);

        page.FindAll("[data-testid=call-row]").Single(r => r.TextContent.Contains("writer")).Click();

        var prompt = page.Find("[data-testid=call-prompt]");
        Assert.Contains("<script>alert(1)</script>", prompt.TextContent);
        Assert.Empty(prompt.GetElementsByTagName("script"));
    }

    [Fact]
    public async Task The_cache_hit_rate_tile_shows_the_share_of_calls_a_cache_answered()
    {
        await Get<IModelCallStore>().AppendAsync([Call("writer", 40, cacheHit: true), Call("writer", 1), Call("editor", 900), Call("editor", 800)]);

        var page = Render<MonitoringPage>();

        page.WaitForAssertion(() => Assert.Contains("25.0%", page.Find("[data-testid=total-cache]").TextContent));
        Assert.Contains("Cache hit rate", page.Find("[data-testid=total-cache]").TextContent);
    }

    [Fact]
    public async Task The_failed_only_switch_narrows_the_call_list()
    {
        await Get<IModelCallStore>().AppendAsync([Call("writer", 40), Call("editor", 900, error: "boom")]);
        var page = Render<MonitoringPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=call-row]").Count));

        page.FindComponent<MudBlazor.MudSwitch<bool>>().Find("input").Change(true);

        page.WaitForAssertion(() => Assert.Contains("editor", Assert.Single(page.FindAll("[data-testid=call-row]")).TextContent));
    }

    [Fact]
    public async Task Lists_feedback_and_adds_the_chosen_runs_to_a_dataset()
    {
        var workflow = new WorkflowStudio.Core.Building.WorkflowBuilder("story", "Story").Input("topic")
            .Prompt("writer", p => p.User("Write about {{topic}}")).Output("story", "{{writer.text}}")
            .Edge("topic", "writer").Edge("writer", "story").Build();
        await Get<WorkflowStudio.Studio.Workflows.WorkflowLibrary>().SaveAsync(workflow);
        var feed = Get<WorkflowStudio.Studio.Runs.IRunFeed>();
        var run = await feed.StartAsync(new("story", new Dictionary<string, string> { ["topic"] = "owls" }), "tester");
        await foreach (var _ in feed.FollowAsync(run.RunId, 0)) { }
        await Get<ModelCallRecorder>().FlushAsync();
        await Get<RunFeedback>().GiveAsync(run.RunId, new FeedbackInput(ThumbsUp: false, Correction: "Owls hunt at night."), "ada");

        var page = Render<MonitoringPage>();
        page.WaitForAssertion(() => Assert.Contains("Owls hunt at night.", page.Find("[data-testid=feedback-row]").TextContent));
        page.Find("[data-testid=feedback-row] input[type=checkbox]").Change(true);
        page.Find("[data-testid=feedback-add]").Click();

        page.WaitForAssertion(() => Assert.Contains("now has 1 case;", page.Find("[data-testid=feedback-message]").TextContent));
        var table = await Get<WorkflowStudio.Studio.Evaluations.DatasetWorkbench>().ReadAsync("feedback-cases", 1);
        Assert.Equal("Owls hunt at night.", Assert.Single(table.Rows)["expected"]);
    }

    [Fact]
    public void An_alert_rule_is_added_and_a_bad_one_is_refused_with_a_sentence()
    {
        var page = Render<MonitoringPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=alert-add]"));

        page.Find("input[data-testid=alert-name]").Change("Errors");
        page.Find("input[data-testid=alert-webhook]").Change("ftp://example.com");
        page.Find("[data-testid=alert-add]").Click();
        page.WaitForAssertion(() => Assert.Contains("not an absolute http(s) URL", page.Find("[data-testid=alert-error]").TextContent));

        page.Find("input[data-testid=alert-webhook]").Change("https://hooks.example.com/studio");
        page.Find("[data-testid=alert-add]").Click();
        page.WaitForAssertion(() => Assert.Contains("Error rate above 0.1", page.Find("[data-testid=alert-rule]").TextContent));
    }

    void IDisposable.Dispose()
    {
        _studio.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
