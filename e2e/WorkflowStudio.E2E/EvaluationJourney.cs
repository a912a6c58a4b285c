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
        var (page, workflowId) = await OpenTriageWithDatasetAsync("triage eval", "triage-cases.csv", Csv, 3);
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
        var (page, workflowId) = await OpenTriageWithDatasetAsync("triage experiment", "experiment-cases.csv", Csv, 3);
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

    [Fact]
    public async Task Label_ten_judged_cases_by_key_and_see_the_judges_kappa()
    {
        var csv = new StringBuilder("id,ticket,expected\n");
        string[] tickets =
        [
            "I was charged twice this month", "The app crashes when I open settings", "How do I export my invoices?", "Refund my last payment please",
            "The login page shows an error", "Can I change my billing address?", "My card was declined", "The sync button does nothing",
            "Where is the pricing page?", "Cancel my subscription",
        ];
        for (var i = 0; i < tickets.Length; i++) csv.Append($"t{i},{tickets[i]},billing\n");
        var (page, workflowId) = await OpenTriageWithDatasetAsync("triage calibration", "calibration-cases.csv", csv.ToString(), 10);
        await page.ByTestId("datasets-import-save").ClickAsync();
        await Expect(page.ByTestId("dataset-editor")).ToHaveAttributeAsync("data-version", "1");

        await page.GotoAsync($"/evaluations?workflow={workflowId}");
        await page.WaitForInteractiveAsync();
        await page.ByTestId("evaluations-new").ClickAsync();
        await Expect(page.ByTestId("evaluation-dataset")).ToContainTextAsync("calibration-cases v1");
        await page.ByTestId("evaluation-scorer-0-type").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("judge", new() { Exact = true }).ClickAsync();
        await page.TextBox("evaluation-scorer-0-argument").FillAsync("The reply names the ticket's category");
        await page.ByTestId("evaluation-run").ClickAsync();
        await Expect(page.ByTestId("evaluation-view")).ToHaveAttributeAsync("data-status", "completed", LongWait);

        await page.ByTestId("evaluation-calibrate").ClickAsync();
        await Expect(page.ByTestId("calibration-case")).ToBeVisibleAsync(SlowPage);
        await Expect(page.ByTestId("calibration-agreement")).ToHaveAttributeAsync("data-labels", "0");
        // A key pressed before the page listens is lost (CI pressed P under load before the listener was attached).
        await Expect(page.ByTestId("calibration-keys")).ToHaveAttributeAsync("data-keys", "on");
        // One key per verdict: agree with the judge on every case but the second, which is marked the other way.
        for (var i = 0; i < 10; i++)
        {
            await Expect(page.ByTestId("calibration-keys")).ToHaveAttributeAsync("data-index", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var judgePassed = await page.ByTestId("calibration-judge").GetAttributeAsync("data-passed") == "true";
            await page.Keyboard.PressAsync(judgePassed != (i == 1) ? "p" : "f");
            await Expect(page.ByTestId("calibration-agreement")).ToHaveAttributeAsync("data-labels", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await Expect(page.ByTestId("calibration-kappa")).Not.ToContainTextAsync("—");
        await Expect(page.ByTestId("calibration-observed")).ToContainTextAsync("90.0%");
        await Expect(page.ByTestId("calibration-verdict")).ToContainTextAsync("κ =");
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.ScreenshotToDocsAsync("judge-calibration.png");
    }

    /// <summary>Creates a support-triage workflow and opens the Datasets page with the CSV parsed and previewed (not saved yet).</summary>
    private async Task<(IPage Page, string WorkflowId)> OpenTriageWithDatasetAsync(string name, string fileName, string csv, int rows)
    {
        var page = await studio.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/workflows");
        await page.WaitForInteractiveAsync();
        await page.CreateWorkflowAsync("support-triage", name);
        await Expect(page.Locator(".step-node").First).ToBeVisibleAsync(SlowPage);
        var workflowId = new Uri(page.Url).AbsolutePath.Split('/')[^1];

        await page.GotoAsync("/datasets");
        await page.WaitForInteractiveAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = fileName, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await Expect(page.ByTestId("datasets-preview")).ToHaveAttributeAsync("data-rows", rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return (page, workflowId);
    }
}
