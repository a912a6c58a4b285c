using System.Text;
using Microsoft.Playwright;
using WorkflowStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

/// <summary>The browser half of the evaluation loop: import a dataset, evaluate a workflow over it, open a failing case and its trace.</summary>
[Collection(StudioCollection.Name)]
public sealed class EvaluationJourney(StudioFixture studio)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions LongWait = new() { Timeout = 120_000 };
    // Creating a workflow, then opening the designer, can take longer than the default wait on a loaded CI machine.
    private static readonly LocatorAssertionsToBeVisibleOptions SlowPage = new() { Timeout = 60_000 };

    // The last case expects a word no reply contains, so at least one case fails whatever the offline model writes.
    private const string Csv = """
        id,ticket,expected
        double-charge,"I was charged twice for my subscription this month, please refund the extra payment.",refund
        app-crash,"The app crashes with an error every time I open settings after the update.",error
        never,"My invoice shows the wrong address.",zebra-crossing-quartz
        """;

    [Fact]
    public async Task Import_a_dataset_evaluate_support_triage_and_open_a_failing_case_and_its_trace()
    {
        var page = await studio.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/workflows");
        await page.WaitForInteractiveAsync();
        await page.CreateWorkflowAsync("support-triage", "triage eval");
        await Expect(page.Locator(".step-node").First).ToBeVisibleAsync(SlowPage);
        var workflowId = new Uri(page.Url).AbsolutePath.Split('/')[^1];

        await page.GotoAsync("/datasets");
        await page.WaitForInteractiveAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "triage-cases.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Csv),
        });
        await Expect(page.ByTestId("datasets-preview")).ToHaveAttributeAsync("data-rows", "3");
        await Expect(page.ByTestId("datasets-preview-columns")).ToContainTextAsync("expected");
        await page.ScreenshotToDocsAsync("datasets-import-preview.png");
        await page.ByTestId("datasets-import-save").ClickAsync();
        await Expect(page.ByTestId("dataset-editor")).ToHaveAttributeAsync("data-version", "1");
        await Expect(page.ByTestId("dataset-editor")).ToHaveAttributeAsync("data-rows", "3");

        await page.GotoAsync($"/evaluations?workflow={workflowId}");
        await page.WaitForInteractiveAsync();
        await page.ByTestId("evaluations-new").ClickAsync();
        // The form's defaults: the latest version, the newest dataset, one "contains" scorer checking the expected value.
        await Expect(page.ByTestId("evaluation-dataset")).ToContainTextAsync("triage-cases v1");
        await page.ByTestId("evaluation-run").ClickAsync();

        await Expect(page.ByTestId("evaluation-progress")).ToHaveAttributeAsync("data-total", "3");
        await page.ScreenshotToDocsAsync("evaluation-progress.png");
        await Expect(page.ByTestId("evaluation-view")).ToHaveAttributeAsync("data-status", "completed", LongWait);
        await Expect(page.ByTestId("evaluation-summary")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid^='result-']")).ToHaveCountAsync(3);
        await page.ScreenshotToDocsAsync("evaluation-results.png");

        await page.ByTestId("results-filter").GetByText("Failed").ClickAsync();
        await Expect(page.Locator("[data-testid^='result-'][data-passed='true']")).ToHaveCountAsync(0);
        await page.ByTestId("result-never-0").ClickAsync();
        await Expect(page.ByTestId("case-drawer-content")).ToHaveAttributeAsync("data-case", "never");
        await Expect(page.ByTestId("case-expected")).ToContainTextAsync("zebra-crossing-quartz");
        await Expect(page.ByTestId("case-score-contains")).ToHaveAttributeAsync("data-passed", "false");
        await page.ScreenshotToDocsAsync("evaluation-case-drawer.png");

        await page.ByTestId("case-trace").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/designer/{workflowId}?run=", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();
        await Expect(page.ByTestId("run-panel")).ToHaveAttributeAsync("data-status", "succeeded");
        // At 1280 wide the canvas needs the room the navigation takes, and the pointer left on the toolbar shows a tooltip.
        await page.ByTestId("nav-toggle").ClickAsync();
        await page.ByTestId("designer-fit").ClickAsync();
        await page.Mouse.MoveAsync(700, 780);
        await page.ScreenshotToDocsAsync("evaluation-case-trace.png");
    }

    [Fact]
    public async Task An_experiment_of_two_prompt_variants_ends_in_a_comparison_table_with_the_best_marked()
    {
        var page = await studio.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/workflows");
        await page.WaitForInteractiveAsync();
        await page.CreateWorkflowAsync("support-triage", "triage experiment");
        await Expect(page.Locator(".step-node").First).ToBeVisibleAsync(SlowPage);
        var workflowId = new Uri(page.Url).AbsolutePath.Split('/')[^1];

        await page.GotoAsync("/datasets");
        await page.WaitForInteractiveAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "experiment-cases.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Csv),
        });
        await Expect(page.ByTestId("datasets-preview")).ToHaveAttributeAsync("data-rows", "3");
        await page.ByTestId("datasets-import-save").ClickAsync();
        await Expect(page.ByTestId("dataset-editor")).ToHaveAttributeAsync("data-version", "1");

        await page.GotoAsync($"/evaluations?workflow={workflowId}");
        await page.WaitForInteractiveAsync();
        await page.ByTestId("experiments-new").ClickAsync();
        await Expect(page.ByTestId("evaluation-start")).ToHaveAttributeAsync("data-experiment", "true");
        await Expect(page.ByTestId("evaluation-dataset")).ToContainTextAsync("experiment-cases v1");
        await page.ByTestId("experiment-add-variant").ClickAsync();
        // The variant starts as the first prompt step's own prompt; this one asks for much less.
        var prompt = page.Locator("textarea[data-testid=experiment-variant-0-prompt]");
        await Expect(prompt).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\\{\\{ticket\\}\\}"));
        await page.Locator("input[data-testid=experiment-variant-0-name]").FillAsync("one word");
        await prompt.FillAsync("Reply with one word.");
        await page.ByTestId("evaluation-run").ClickAsync();

        var table = page.ByTestId("experiment-table");
        await Expect(page.ByTestId("experiment-row-0")).ToHaveAttributeAsync("data-variant", "saved prompt", LongWait);
        await Expect(page.ByTestId("experiment-row-1")).ToHaveAttributeAsync("data-variant", "one word", LongWait);
        await Expect(page.ByTestId("experiment-row-0")).ToHaveAttributeAsync("data-status", "completed", LongWait);
        await Expect(page.ByTestId("experiment-row-1")).ToHaveAttributeAsync("data-status", "completed", LongWait);
        // Latency always differs between two runs, so at least one column has a best value.
        await Expect(table.Locator("td[data-best='true']").First).ToBeVisibleAsync();
        await page.ByTestId("experiment-view").GetByTestId("compare-run").ClickAsync();
        await Expect(page.ByTestId("experiment-view").GetByTestId("compare-counts")).ToBeVisibleAsync();
        // The table is wide: at 1280 it needs the room the navigation takes.
        await page.ByTestId("nav-toggle").ClickAsync();
        await page.ScreenshotToDocsAsync("experiment-table.png");
    }
}
