using Microsoft.Playwright;
using WorkflowStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

/// <summary>Runs from the designer on the offline model: live node states, streaming, cancel, reload mid-run, history.</summary>
[Collection(StudioCollection.Name)]
public sealed class RunJourneys(StudioFixture studio)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions LongWait = new() { Timeout = 60_000 };

    // The first web search of a fresh studio indexes the offline corpus before the writer can stream.
    private static readonly LocatorAssertionsToBeVisibleOptions FirstStream = new() { Timeout = 60_000 };

    public static TheoryData<string, string, string> Templates => new()
    {
        { "seo-article", "keyword", "solar panels" },
        { "rag-qa", "question", "How do I reset my password?" },
        { "support-triage", "ticket", "I was charged twice for my subscription this month. The second charge came on the fifth and my bank shows both. Please refund the extra payment to the same card and confirm by email." },
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Running_a_template_lights_up_the_steps_and_streams_text(string template, string input, string value)
    {
        var page = await OpenTemplateAsync(template, $"{template} run");
        await page.TextBox($"run-input-{input}").FillAsync(value);
        await page.WatchForStreamAsync();
        await page.ByTestId("run-start").ClickAsync();

        await page.WaitForStreamAsync(FirstStream.Timeout!.Value);
        if (template == "seo-article")
        {
            await page.SelectStepAsync("writer", page.Locator("[data-testid=node-run-details][data-node=writer]"));
            await page.Mouse.MoveAsync(700, 880);
            await page.ScreenshotToDocsAsync("run-in-progress.png");
        }

        await Expect(page.ByTestId("run-panel")).ToHaveAttributeAsync("data-status", "succeeded", LongWait);
        await Expect(page.Locator("[data-testid^='node-run-'][data-status='failed']")).ToHaveCountAsync(0);
        Assert.True(await page.Locator("[data-testid^='node-run-'][data-status='succeeded']").CountAsync() >= 3);
        await Expect(page.ByTestId("run-outputs")).ToBeVisibleAsync();
        // Links that carried data are drawn in the success colour.
        Assert.True(await page.Locator("path[stroke='#4caf50']").CountAsync() >= 2);
        await Expect(page.Locator("[data-testid^='run-history-'][data-status='succeeded']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_run_can_be_cancelled_from_the_panel()
    {
        var page = await OpenTemplateAsync("seo-article", "cancel run");
        await page.TextBox("run-input-keyword").FillAsync("wind turbines");
        await page.ByTestId("run-start").ClickAsync();
        await Expect(page.Locator("[data-testid^='node-run-'][data-status='running']").First).ToBeVisibleAsync();

        await page.ByTestId("run-cancel").ClickAsync();

        await Expect(page.ByTestId("run-panel")).ToHaveAttributeAsync("data-status", "cancelled", LongWait);
        await Expect(page.ByTestId("run-problem")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid^='run-history-'][data-status='cancelled']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Reloading_mid_run_shows_the_same_run_continuing_and_a_past_run_replays()
    {
        var page = await OpenTemplateAsync("seo-article", "reload run");
        await page.TextBox("run-input-keyword").FillAsync("heat pumps");
        await page.ByTestId("run-start").ClickAsync();
        await Expect(page.Locator("[data-testid^='node-stream-']").First).ToBeVisibleAsync(FirstStream);
        var runId = await page.ByTestId("run-panel").GetAttributeAsync("data-run");
        Assert.False(string.IsNullOrEmpty(runId));

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Run", Exact = true }).ClickAsync();

        await Expect(page.ByTestId("run-panel")).ToHaveAttributeAsync("data-run", runId!);
        await Expect(page.ByTestId("node-run-keyword")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(page.ByTestId("run-panel")).ToHaveAttributeAsync("data-status", "succeeded", LongWait);
        var events = int.Parse((await page.ByTestId("run-events").GetAttributeAsync("data-count"))!);

        await page.ByTestId("run-close").ClickAsync();
        await Expect(page.Locator("[data-testid^='node-run-']")).ToHaveCountAsync(0);

        await page.ByTestId($"run-history-{runId}").ClickAsync();
        await Expect(page.ByTestId("run-panel")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(page.ByTestId("run-events")).ToHaveAttributeAsync("data-count", events.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.ByTestId("node-run-article")).ToHaveAttributeAsync("data-status", "succeeded");

        await page.ByTestId("node-article").ClickAsync();
        await Expect(page.ByTestId("node-run-details")).ToHaveAttributeAsync("data-node", "article");
    }

    /// <summary>Creates a workflow from a template through the list and opens its Run tab.</summary>
    internal static async Task<IPage> OpenTemplateAsync(StudioFixture studio, string template, string name)
    {
        var page = await studio.NewPageAsync();
        await page.GotoAsync("/workflows");
        await page.WaitForInteractiveAsync();
        await page.CreateWorkflowAsync(template, name);
        await Expect(page.Locator(".step-node").First).ToBeVisibleAsync();
        await page.ByTestId("nav-toggle").ClickAsync();
        await page.ByTestId("designer-fit").ClickAsync();
        await page.ByTestId("designer-zoom-in").ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Run", Exact = true }).ClickAsync();
        await Expect(page.ByTestId("run-panel")).ToBeVisibleAsync();
        return page;
    }

    private Task<IPage> OpenTemplateAsync(string template, string name) => OpenTemplateAsync(studio, template, name);
}
