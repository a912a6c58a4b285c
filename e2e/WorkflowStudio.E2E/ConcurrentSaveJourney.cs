using Microsoft.Playwright;
using WorkflowStudio.E2E.Infrastructure;
using WorkflowStudio.Testing;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

/// <summary>Two browsers edit the same version: both saves are kept, and the later one is told what it does not contain.</summary>
[Collection(StudioCollection.Name)]
public sealed class ConcurrentSaveJourney(StudioFixture studio)
{
    [Fact]
    public async Task The_second_of_two_saves_from_the_same_version_is_kept_and_names_the_first()
    {
        var first = await RunJourneys.OpenTemplateAsync(studio, "seo-article", "concurrent saves");
        var second = await OpenSameWorkflowAsync(first.Url);

        await EditWriterAndSaveAsync(first, "Write a punchy article about {{keyword}}.");
        await Expect(first.ByTestId("save-concurrent")).ToHaveCountAsync(0);
        await EditWriterAndSaveAsync(second, "Write a calm explainer on {{keyword}}.");

        var notice = second.ByTestId("save-concurrent");
        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync("Saved as version 3");
        await Expect(second.ByTestId("save-concurrent-2")).ToContainTextAsync($"version 2 was saved by {StudioProcess.OwnerUserName}");
        await Expect(notice).ToContainTextAsync("Versions tab");

        await second.GetByRole(AriaRole.Tab, new() { Name = "Versions", Exact = true }).ClickAsync();
        await Expect(second.ByTestId("versions-panel")).ToHaveAttributeAsync("data-count", "3");
        await Expect(second.ByTestId("version-2")).ToBeVisibleAsync();
        await Expect(second.ByTestId("version-3")).ToBeVisibleAsync();
        await second.ByTestId("compare-before").SelectOptionAsync("2");
        await second.ByTestId("compare-after").SelectOptionAsync("3");
        await second.ByTestId("compare").ClickAsync();
        await Expect(second.ByTestId("node-diff-writer")).ToHaveAttributeAsync("data-change", "changed");
        await Expect(second.Locator(".text-diff .diff-removed").Filter(new() { HasText = "punchy" }).First).ToBeVisibleAsync();
        await Expect(second.Locator(".text-diff .diff-added").Filter(new() { HasText = "calm explainer" }).First).ToBeVisibleAsync();

        await second.ByTestId("save-concurrent").Locator("button").ClickAsync();
        await Expect(second.ByTestId("save-concurrent")).ToHaveCountAsync(0);
    }

    /// <summary>A second browser context, as another tab or person would have, on the same designer address.</summary>
    private async Task<IPage> OpenSameWorkflowAsync(string url)
    {
        var page = await studio.NewPageAsync();
        await page.GotoAsync(url);
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator(".step-node").First).ToBeVisibleAsync();
        await page.ByTestId("nav-toggle").ClickAsync();
        await page.ByTestId("designer-fit").ClickAsync();
        await page.ByTestId("designer-zoom-in").ClickAsync();
        return page;
    }

    private static async Task EditWriterAndSaveAsync(IPage page, string prompt)
    {
        await page.ByTestId("node-title-writer").ClickAsync();
        await page.ByTestId("setting-User-input").FillAsync(prompt);
        await Expect(page.ByTestId("page-designer")).ToHaveAttributeAsync("data-dirty", "true");
        await page.ByTestId("designer-save").ClickAsync();
        await page.ByTestId("save-confirm").ClickAsync();
        await Expect(page.ByTestId("page-designer")).ToHaveAttributeAsync("data-dirty", "false");
    }
}
