using Microsoft.Playwright;
using WorkflowStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

[Collection(StudioCollection.Name)]
public sealed class DesignerTemplateTests(StudioFixture studio)
{
    public static TheoryData<string, int> Templates => new()
    {
        { "seo-article", 6 },
        { "rag-qa", 6 },
        { "support-triage", 7 },
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Creating_from_a_template_opens_it_on_the_canvas_in_light_and_dark(string template, int steps)
    {
        var page = await studio.NewPageAsync();
        await page.GotoAsync("/workflows");
        await page.WaitForInteractiveAsync();

        await page.CreateWorkflowAsync(template, $"{template} screenshot");

        await Expect(page.ByTestId("page-designer")).ToHaveAttributeAsync("data-workflow", $"{template}-screenshot");
        await Expect(page.ByTestId("canvas")).ToHaveAttributeAsync("data-node-count", steps.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The canvas draws only the steps in view; Fit brings a template wider than the opening view in whole.
        await page.ByTestId("designer-fit").ClickAsync();
        await Expect(page.Locator(".step-node")).ToHaveCountAsync(steps);
        await Expect(page.ByTestId("problems-none")).ToBeVisibleAsync();

        // More room for the canvas in the pictures: hide the navigation, fit, and move the pointer off the toolbar.
        await page.ByTestId("nav-toggle").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=nav-drawer]').getBoundingClientRect().width < 80");
        await page.WaitForFunctionAsync("() => document.querySelector('.designer-palette').getBoundingClientRect().left < 80");
        await page.ByTestId("designer-fit").ClickAsync();
        await page.Mouse.MoveAsync(700, 880);
        await Expect(page.Locator(".mud-tooltip").Filter(new() { HasText = "Fit" })).ToHaveCountAsync(0);
        await page.ScreenshotToDocsAsync($"designer-{template}-light.png");

        await page.ByTestId("theme-toggle").ClickAsync();
        await Expect(page.ByTestId("shell")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("studio-dark"));
        await page.Mouse.MoveAsync(700, 880);
        await Expect(page.Locator(".mud-tooltip").Filter(new() { HasText = "theme" })).ToHaveCountAsync(0);
        await page.ScreenshotToDocsAsync($"designer-{template}-dark.png");
    }
}
