using Microsoft.Playwright;
using WorkflowStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

[Collection(StudioCollection.Name)]
public sealed class ShellTests(StudioFixture studio)
{
    private static readonly string[] NavItems = ["workflows", "designer", "runs", "evaluations", "datasets", "knowledge", "deployments", "monitoring"];

    [Fact]
    public async Task Shell_renders_app_bar_navigation_and_designer()
    {
        var page = await studio.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();

        await Expect(page.ByTestId("product-name")).ToHaveTextAsync("WorkflowStudio");
        await Expect(page.ByTestId("theme-toggle")).ToBeVisibleAsync();
        foreach (var item in NavItems)
            await Expect(page.ByTestId($"nav-{item}")).ToBeVisibleAsync();

        await page.ByTestId("nav-designer").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/designer"));
        await Expect(page.ByTestId("page-designer")).ToBeVisibleAsync();
        await Expect(page.ByTestId("designer-empty")).ToBeVisibleAsync();
        // This page looks the same on every run (the workflow list does not), so the picture only changes when the shell does.
        await page.ScreenshotToDocsAsync("shell.png");

        await page.ByTestId("nav-workflows").ClickAsync();
        await Expect(page.ByTestId("workflows-new")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Theme_toggle_switches_to_dark_and_is_remembered_after_reload()
    {
        var page = await studio.NewPageAsync();
        await page.GotoAsync("/evaluations");
        await page.WaitForInteractiveAsync();
        await Expect(page.ByTestId("shell")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("studio-light"));

        await page.ByTestId("theme-toggle").ClickAsync();
        await Expect(page.ByTestId("shell")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("studio-dark"));

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.ByTestId("shell")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("studio-dark"));
        await Expect(page.ByTestId("page-evaluations")).ToBeVisibleAsync();
    }
}
