using Microsoft.Playwright;
using WorkflowStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

/// <summary>Run a workflow, rate the answer in the run view, and find the model call, a chart and the feedback on the Monitoring page.</summary>
[Collection(StudioCollection.Name)]
public sealed class MonitoringJourney(StudioFixture studio)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions LongWait = new() { Timeout = 60_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions ChartWait = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_run_shows_up_on_the_Monitoring_page_with_its_model_call_a_chart_and_its_feedback()
    {
        var page = await studio.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/workflows");
        await page.WaitForInteractiveAsync();
        await page.CreateWorkflowAsync("support-triage", "monitored triage");
        await Expect(page.Locator(".step-node").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Run", Exact = true }).ClickAsync();
        await page.TextBox("run-input-ticket").FillAsync("I was charged twice this month; please refund the second payment.");
        await page.ByTestId("run-start").ClickAsync();
        await Expect(page.ByTestId("run-panel")).ToHaveAttributeAsync("data-status", "succeeded", LongWait);

        await page.ByTestId("run-feedback-down").ClickAsync();
        await page.TextBox("run-feedback-correction").FillAsync("Category: billing. Refund the duplicate charge.");
        await page.ByTestId("run-feedback-send").ClickAsync();
        await Expect(page.ByTestId("run-feedback-given")).ToContainTextAsync("with a correction");

        await page.ByTestId("nav-monitoring").ClickAsync();
        await Expect(page.ByTestId("monitoring-totals")).ToBeVisibleAsync();
        await page.RefreshMonitoringUntilVisibleAsync(page.ByTestId("call-row").Filter(new() { HasText = "monitored" }).First);
        // Plotly draws its SVG once its script has loaded in the browser.
        // Plotly draws after its script loads and the circuit sends the data; a busy machine takes longer than the default wait.
        await Expect(page.Locator("[data-testid=chart-runs] .main-svg").First).ToBeVisibleAsync(ChartWait);
        await Expect(page.Locator("[data-testid=chart-latency] .main-svg").First).ToBeVisibleAsync(ChartWait);
        await Expect(page.ByTestId("feedback-row").First).ToContainTextAsync("Refund the duplicate charge.");
        await page.ScreenshotToDocsAsync("monitoring.png");

        await page.ByTestId("call-row").First.ClickAsync();
        await Expect(page.ByTestId("call-details")).ToContainTextAsync("opt in");
        await page.ByTestId("feedback-list").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotToDocsAsync("monitoring-calls.png");
    }
}
