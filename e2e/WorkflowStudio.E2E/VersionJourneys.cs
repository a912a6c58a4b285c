using Microsoft.Playwright;
using WorkflowStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

/// <summary>Every save is a version: list them, diff two on the canvas and in C#, restore one, tag releases.</summary>
[Collection(StudioCollection.Name)]
public sealed class VersionJourneys(StudioFixture studio)
{
    [Fact]
    public async Task Three_saves_are_three_versions_that_can_be_diffed_restored_and_tagged()
    {
        var page = await RunJourneys.OpenTemplateAsync(studio, "seo-article", "versions journey");
        await EditWriterAndSaveAsync(page, "Write a punchy article about {{keyword}}.");
        await EditWriterAndSaveAsync(page, "Write a long, friendly guide to {{keyword}} for {{audience}}.");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Versions", Exact = true }).ClickAsync();
        var panel = page.ByTestId("versions-panel");
        await Expect(panel).ToHaveAttributeAsync("data-count", "3");

        await page.ByTestId("compare-before").SelectOptionAsync("1");
        await page.ByTestId("compare-after").SelectOptionAsync("3");
        await page.ByTestId("compare").ClickAsync();
        await Expect(page.ByTestId("diff-node-writer")).ToHaveAttributeAsync("data-change", "changed");
        await Expect(page.ByTestId("diff-node-writer")).ToContainTextAsync("friendly guide");
        await Expect(page.ByTestId("node-diff-writer")).ToHaveAttributeAsync("data-change", "changed");
        await Expect(page.Locator(".text-diff .diff-added").First).ToBeVisibleAsync();
        await Expect(page.Locator(".text-diff .diff-removed").First).ToBeVisibleAsync();
        // A clear canvas for the picture: no selection, no save notices.
        await page.Mouse.ClickAsync(700, 550);
        await Expect(page.ByTestId("inspector")).ToBeHiddenAsync();
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await page.Mouse.MoveAsync(700, 880);
        await page.ScreenshotToDocsAsync("version-diff.png");

        await page.ByTestId("version-1-restore").ClickAsync();
        await Expect(panel).ToHaveAttributeAsync("data-count", "4");
        await Expect(page.ByTestId("version-4")).ToContainTextAsync("Restored version 1");
        await Expect(page.ByTestId("node-preview-writer")).Not.ToContainTextAsync("friendly guide");
        await Expect(page.ByTestId("page-designer")).ToHaveAttributeAsync("data-dirty", "false");

        await page.ByTestId("tag-version").SelectOptionAsync("2");
        await page.ByTestId("tag-set").ClickAsync();
        await Expect(page.ByTestId("version-2-tag-staging")).ToBeVisibleAsync();
        await page.ByTestId("tag-version").SelectOptionAsync("4");
        await page.ByTestId("tag-set").ClickAsync();
        await Expect(page.ByTestId("version-4-tag-staging")).ToBeVisibleAsync();
        await Expect(page.ByTestId("version-2-tag-staging")).ToHaveCountAsync(0);
        await Expect(page.ByTestId("tag-history").Locator("li")).ToHaveCountAsync(2);
    }

    private static async Task EditWriterAndSaveAsync(IPage page, string prompt)
    {
        await page.ByTestId("node-title-writer").ClickAsync();
        await page.ByTestId("setting-User-input").FillAsync(prompt);
        await Expect(page.ByTestId("node-preview-writer")).ToContainTextAsync(prompt.Split(' ')[2]);
        await page.ByTestId("designer-save").ClickAsync();
        await page.ByTestId("save-confirm").ClickAsync();
        await Expect(page.ByTestId("page-designer")).ToHaveAttributeAsync("data-dirty", "false");
    }
}
