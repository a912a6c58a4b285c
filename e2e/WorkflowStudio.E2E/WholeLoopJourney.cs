using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using WorkflowStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

/// <summary>
/// The whole loop at 1280×800: deploy a version under a tag, call it over HTTP as an application would, see the call on
/// the Monitoring page, give it a thumbs-down with a correction, turn that into a dataset case, evaluate and see it
/// fail, fix the prompt, evaluate and see it pass, move the tag, and call again to get the fixed answer.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class WholeLoopJourney(StudioFixture studio)
{
    private const string WorkflowId = "ticket-router";
    // The offline classifier puts this ticket under TECHNICAL until the prompt says coupons are billing.
    private const string Ticket = "My coupon code does not work";
    private const string WeakLabels = "BILLING (payments, charges)";
    private const string FixedLabels = "BILLING (payments, charges, refunds, coupons and discounts)";

    private static readonly string Workflow = $$$"""
        {
          "schema": 1,
          "id": "{{{WorkflowId}}}",
          "name": "Ticket router",
          "description": "Sorts a support ticket into BILLING or TECHNICAL.",
          "nodes": [
            { "kind": "input", "id": "ticket", "description": "The customer's message", "maxLength": 8000 },
            { "kind": "prompt", "id": "classify",
              "system": "You sort support tickets. Reply with exactly one word: {{{WeakLabels}}} or TECHNICAL (the app not working, errors, setup).",
              "user": "Ticket: {{ticket}}", "temperature": 0, "maxTokens": 5, "stream": false },
            { "kind": "output", "id": "category", "value": "{{classify.text}}" }
          ],
          "edges": [ { "from": "ticket", "to": "classify" }, { "from": "classify", "to": "category" } ]
        }
        """;

    private static readonly LocatorAssertionsToHaveAttributeOptions LongWait = new() { Timeout = 120_000 };

    [Fact]
    public async Task Deploy_call_rate_add_to_dataset_evaluate_fix_the_prompt_and_move_the_tag()
    {
        var page = await studio.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/workflows");
        await page.WaitForInteractiveAsync();
        var file = Path.Combine(Directory.CreateTempSubdirectory("studio-loop-").FullName, "ticket-router.json");
        await File.WriteAllTextAsync(file, Workflow);
        await page.Locator("input[type=file]").SetInputFilesAsync(file);
        await Expect(page.ByTestId($"workflow-open-{WorkflowId}")).ToBeVisibleAsync();

        // Deploy v1 as production and make a key for the application.
        await page.GotoAsync($"/deployments/{WorkflowId}");
        await page.WaitForInteractiveAsync();
        await page.TextBox("deploy-new-tag").FillAsync("production");
        await Expect(page.TextBox("deploy-new-tag")).ToHaveValueAsync("production");
        // The field tells the page its value when it loses focus.
        await page.TextBox("deploy-new-tag").PressAsync("Tab");
        await page.ByTestId("deploy-new-tag-add").ClickAsync();
        await Expect(page.ByTestId("deploy-tag-production-version")).ToHaveTextAsync("v1");
        await page.TextBox("keys-name").FillAsync("helpdesk app");
        await Expect(page.TextBox("keys-name")).ToHaveValueAsync("helpdesk app");
        await page.TextBox("keys-name").PressAsync("Tab");
        await page.ByTestId("keys-create").ClickAsync();
        var key = (await page.ByTestId("keys-secret").TextContentAsync())!.Trim();

        // The application calls production and gets the wrong category.
        using var http = new HttpClient { BaseAddress = new Uri(studio.Server.Address) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var first = await CallProductionAsync(http);
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal("TECHNICAL", Category(first));
        var runId = first.GetProperty("runId").GetString()!;

        // The call is on the Monitoring page; its run gets a thumbs-down with the right answer.
        await page.ByTestId("nav-monitoring").ClickAsync();
        await page.RefreshMonitoringUntilVisibleAsync(page.ByTestId("call-row").Filter(new() { HasText = WorkflowId }).First);
        await page.GotoAsync($"/designer/{WorkflowId}?run={runId}");
        await page.WaitForInteractiveAsync();
        await Expect(page.ByTestId("run-panel")).ToHaveAttributeAsync("data-status", "succeeded");
        await page.ByTestId("run-feedback-down").ClickAsync();
        await page.TextBox("run-feedback-correction").FillAsync("BILLING");
        await page.ByTestId("run-feedback-send").ClickAsync();
        await Expect(page.ByTestId("run-feedback-given")).ToContainTextAsync("with a correction");

        // From the feedback list to a dataset case whose expected answer is the correction.
        await page.GotoAsync("/monitoring");
        await page.WaitForInteractiveAsync();
        var feedback = page.ByTestId("feedback-row").Filter(new() { HasText = runId[..8] });
        await Expect(feedback.GetByTestId("feedback-rating")).ToHaveAttributeAsync("data-rating", "down");
        await feedback.Locator("input[type=checkbox]").CheckAsync();
        await page.TextBox("feedback-dataset").FillAsync("router-feedback");
        await page.TextBox("feedback-dataset").PressAsync("Tab");
        await page.ByTestId("feedback-add").ClickAsync();
        await Expect(page.ByTestId("feedback-message")).ToContainTextAsync("'router-feedback' v1 now has 1 case");
        await page.ScreenshotToDocsAsync("loop-1-feedback.png");

        // Evaluate v1 on it: the case fails.
        await EvaluateLatestAsync(page, passed: false);
        await page.ScreenshotToDocsAsync("loop-2-evaluation-fails.png");

        // Fix the prompt in the designer and save it as v2.
        await page.GotoAsync($"/designer/{WorkflowId}");
        await page.WaitForInteractiveAsync();
        var system = page.TextBox("setting-System-input");
        await page.SelectStepAsync("classify", system);
        await Expect(system).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(WeakLabels)));
        var text = await system.InputValueAsync();
        await system.FillAsync(text.Replace(WeakLabels, FixedLabels, StringComparison.Ordinal));
        await Expect(page.ByTestId("designer-unsaved")).ToBeVisibleAsync();
        await page.ByTestId("designer-save").ClickAsync();
        await page.TextBox("save-message").FillAsync("Coupons and refunds are billing");
        await page.ByTestId("save-confirm").ClickAsync();
        await Expect(page.ByTestId("designer-unsaved")).ToHaveCountAsync(0);

        // Evaluate v2: the same case passes, and the comparison with v1's evaluation says it improved.
        await EvaluateLatestAsync(page, passed: true);
        await page.ByTestId("compare-run").ClickAsync();
        await Expect(page.ByTestId("compare-counts")).ToHaveTextAsync("0 regressed · 1 improved");
        // The improved case opens with both answers side by side, the new words marked.
        await page.Locator("[data-testid^=compare-toggle-]").First.ClickAsync();
        await Expect(page.Locator("[data-testid=compare-candidate-output] ins.diff-added").First).ToBeVisibleAsync();
        // The offline judge compares the two answers in both orders.
        await page.ByTestId("pairwise-run").ClickAsync();
        await Expect(page.ByTestId("pairwise-summary")).ToContainTextAsync("judged in both orders by offline");
        await Expect(page.ByTestId("pairwise-flips")).ToContainTextAsync("Order flips:");
        await page.ScreenshotToDocsAsync("loop-3-evaluation-passes.png");

        // Move production to v2: the next call gets the fixed answer, with no restart.
        await page.GotoAsync($"/deployments/{WorkflowId}");
        await page.WaitForInteractiveAsync();
        await page.ByTestId("deploy-tag-production-target").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("v2", new() { Exact = false }).First.ClickAsync();
        await Expect(page.ByTestId("deploy-tag-production-target")).ToContainTextAsync("v2");
        await page.ByTestId("deploy-tag-production-move").ClickAsync();
        await Expect(page.ByTestId("deploy-tag-production-version")).ToHaveTextAsync("v2");
        await page.ScreenshotToDocsAsync("loop-4-tag-moved.png");
        var second = await CallProductionAsync(http);
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal("BILLING", Category(second));
    }

    private static async Task<JsonElement> CallProductionAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync($"/api/v1/deployments/{WorkflowId}/production/runs", new { ticket = Ticket });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string Category(JsonElement result) => result.GetProperty("outputs").GetProperty("category").GetString()!.Trim();

    /// <summary>Starts an evaluation of the latest version over the newest dataset (the form's defaults) and waits for its one case.</summary>
    private static async Task EvaluateLatestAsync(IPage page, bool passed)
    {
        await page.GotoAsync($"/evaluations?workflow={WorkflowId}");
        await page.WaitForInteractiveAsync();
        await page.ByTestId("evaluations-new").ClickAsync();
        await Expect(page.ByTestId("evaluation-dataset")).ToContainTextAsync("router-feedback v1");
        await page.ByTestId("evaluation-run").ClickAsync();
        await Expect(page.ByTestId("evaluation-view")).ToHaveAttributeAsync("data-status", "completed", LongWait);
        var result = page.Locator("[data-testid^='result-']");
        await Expect(result).ToHaveCountAsync(1);
        await Expect(result).ToHaveAttributeAsync("data-passed", passed ? "true" : "false");
    }
}
