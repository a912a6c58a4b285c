using Microsoft.Playwright;
using WorkflowStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

/// <summary>
/// A newcomer's first hour on a laptop screen (1280×800), with the README only: open the studio, open every template, run
/// it with the README's example and watch it stream and turn green, test a step with the last run's values, edit the
/// prompt, save with a message and find that version, restore the original, import an edited export as the next version;
/// the panels keep their names and give way as asked.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class NewcomerJourney(StudioFixture studio)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions LongWait = new() { Timeout = 90_000 };

    [Fact]
    public async Task A_newcomer_runs_tests_edits_and_saves_a_template_at_1280_by_800()
    {
        var page = await studio.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 800);
        // Every template opens whole, before any Fit, at a zoom where step titles can be read (a 15 px title at 0.53
        // or more: the widest, support triage, has six columns of steps).
        foreach (var (template, name, steps) in new[] { ("seo-article", "Blog post", 6), ("support-triage", "Ticket triage", 7), ("rag-qa", "Warranty answers", 6) })
        {
            await page.GotoAsync("/workflows");
            await page.WaitForInteractiveAsync();
            await page.CreateWorkflowAsync(template, name);
            await Expect(page.ByTestId("page-designer")).ToHaveAttributeAsync("data-workflow", name.ToLowerInvariant().Replace(' ', '-'), new() { Timeout = 30_000 });
            await Expect(page.ByTestId("canvas")).ToHaveAttributeAsync("data-node-count", steps.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await ExpectAllStepsInViewAsync(page, steps);
            var title = (await page.Locator(".step-title").First.BoundingBoxAsync())!;
            Assert.True(title.Height >= 18 * 0.53, $"{template}'s step titles open {title.Height:0.0} px high, too small to read");
        }

        // Every bottom tab shows its whole name, with no scroll arrows.
        foreach (var name in new[] { "Problems (0)", "C#", "JSON", "Run", "Versions" })
            await Expect(page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true })).ToBeInViewportAsync(new() { Ratio = 1 });
        Assert.Equal(0, await page.Locator(".designer-bottom .mud-tabs-scroll-button:visible").CountAsync());
        await page.ScreenshotToDocsAsync("newcomer-1-template.png");

        // Escape closes a dialog.
        await page.ByTestId("designer-help").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.activeElement?.closest('.mud-dialog-container') != null");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        // Fit frames the whole workflow even while one step is selected.
        await page.ByTestId("node-title-answer").ClickAsync();
        await page.ByTestId("designer-fit").ClickAsync();
        await ExpectAllStepsInViewAsync(page, 6);

        // Run with the README's own example and watch the text stream, then the steps turn green.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Run", Exact = true }).ClickAsync();
        await page.TextBox("run-input-question").FillAsync("How long is the Widget Pro warranty?");
        await page.WatchForStreamAsync();
        await page.ByTestId("run-start").ClickAsync();
        await page.WaitForStreamAsync(60_000);
        await page.Mouse.MoveAsync(700, 790);
        await page.ScreenshotToDocsAsync("newcomer-2-streaming.png");
        await Expect(page.ByTestId("run-panel")).ToHaveAttributeAsync("data-status", "succeeded", LongWait);
        await Expect(page.ByTestId("node-run-answer")).ToHaveAttributeAsync("data-status", "succeeded");
        await page.ScreenshotToDocsAsync("newcomer-3-succeeded.png");

        // The bottom panel grows by dragging its edge, and maximises over the canvas.
        var before = (await page.ByTestId("designer-bottom").BoundingBoxAsync())!.Height;
        var (hx, hy) = await CanvasExtensions.CentreAsync(page.ByTestId("bottom-resize"));
        await page.Mouse.MoveAsync(hx, hy);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(hx, hy - 120, new() { Steps = 6 });
        await page.Mouse.UpAsync();
        Assert.True((await page.ByTestId("designer-bottom").BoundingBoxAsync())!.Height > before + 100);
        await page.ByTestId("bottom-maximise").ClickAsync();
        await Expect(page.ByTestId("designer-bottom")).ToHaveAttributeAsync("data-maximised", "true");
        await Expect(page.ByTestId("canvas")).ToBeHiddenAsync();
        await page.ScreenshotToDocsAsync("newcomer-4-run-maximised.png");
        await page.ByTestId("bottom-maximise").ClickAsync();
        await Expect(page.ByTestId("canvas")).ToBeVisibleAsync();

        // Test the answer step alone: it starts from what the run gave it.
        await page.ByTestId("node-title-answer").ClickAsync();
        await Expect(page.TextBox("node-test-sample-question")).ToHaveValueAsync("How long is the Widget Pro warranty?");
        await page.ByTestId("node-test-run").ClickAsync();
        await Expect(page.ByTestId("node-test-status")).ToHaveTextAsync("Done.", new() { Timeout = 60_000 });
        await page.ScreenshotToDocsAsync("newcomer-5-step-test.png");

        // Edit the prompt, save with a message, and find the version it made.
        var prompt = page.TextBox("setting-User-input");
        await prompt.FocusAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.TypeAsync(" Answer in one sentence.");
        await Expect(page.ByTestId("designer-unsaved")).ToBeVisibleAsync();
        await page.ByTestId("designer-save").ClickAsync();
        await page.TextBox("save-message").FillAsync("Shorter answers");
        await page.ByTestId("save-confirm").ClickAsync();
        await Expect(page.ByTestId("designer-unsaved")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Versions", Exact = true }).ClickAsync();
        await Expect(page.ByTestId("version-2")).ToContainTextAsync("Shorter answers");
        await page.ScreenshotToDocsAsync("newcomer-6-versions.png");

        // Restore the template as it came: a new head, said so, and the edit gone from the canvas.
        await page.ByTestId("version-1-restore").ClickAsync();
        await Expect(page.ByTestId("versions-notice")).ToContainTextAsync("Version 3 is the latest: Restored version 1");
        await Expect(page.ByTestId("version-3")).ToContainTextAsync("Restored version 1");

        // Download the JSON, edit it as an engineer would, and import it back as the next version of the same workflow.
        await page.ByTestId("designer-export").ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.ByTestId("designer-export-json").ClickAsync());
        var file = Path.Combine(Directory.CreateTempSubdirectory("studio-newcomer-").FullName, download.SuggestedFilename);
        await download.SaveAsAsync(file);
        var exported = await File.ReadAllTextAsync(file);
        Assert.Contains("What the user wants to know", exported);
        await File.WriteAllTextAsync(file, exported.Replace("What the user wants to know", "The customer's question, as asked"));

        await page.ByTestId("nav-workflows").ClickAsync();
        await page.WaitForInteractiveAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version of Warranty answers" }).ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Saved “Warranty answers” as version 4.");
        // A new version, not a copy beside it.
        await Expect(page.Locator("[data-testid^='workflow-open-warranty-answers']")).ToHaveCountAsync(1);
        await page.ByTestId("workflow-open-warranty-answers").ClickAsync();
        await Expect(page.ByTestId("node-preview-question")).ToContainTextAsync("The customer's question, as asked");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Versions", Exact = true }).ClickAsync();
        await Expect(page.ByTestId("version-4")).ToContainTextAsync($"Imported from {download.SuggestedFilename} as a new version");
        await page.ScreenshotToDocsAsync("newcomer-7-imported.png");
    }

    // Steps outside the view are not drawn, so every step drawn and inside the canvas means the whole workflow is in view.
    private static async Task ExpectAllStepsInViewAsync(IPage page, int steps)
    {
        await Expect(page.Locator(".step-node")).ToHaveCountAsync(steps);
        var canvas = (await page.ByTestId("canvas").BoundingBoxAsync())!;
        foreach (var node in await page.Locator(".step-node").AllAsync())
        {
            var box = (await node.BoundingBoxAsync())!;
            Assert.True(box.X >= canvas.X && box.Y >= canvas.Y && box.X + box.Width <= canvas.X + canvas.Width && box.Y + box.Height <= canvas.Y + canvas.Height,
                $"a step at {box.X},{box.Y} {box.Width}x{box.Height} is outside the canvas {canvas.X},{canvas.Y} {canvas.Width}x{canvas.Height}");
        }
    }
}
