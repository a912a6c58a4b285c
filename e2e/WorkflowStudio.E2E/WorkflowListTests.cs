using WorkflowStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

[Collection(StudioCollection.Name)]
public sealed class WorkflowListTests(StudioFixture studio)
{
    [Fact]
    public async Task Rename_duplicate_and_delete_with_confirmation()
    {
        var page = await studio.NewPageAsync();
        await page.GotoAsync("/workflows");
        await page.WaitForInteractiveAsync();
        await page.CreateWorkflowAsync("rag-qa", "List ops");
        await Expect(page.ByTestId("page-designer")).ToHaveAttributeAsync("data-workflow", "list-ops");
        await page.ByTestId("nav-workflows").ClickAsync();

        await page.ByTestId("workflow-rename-list-ops").ClickAsync();
        await page.TextBox("rename-name").FillAsync("List operations");
        await page.ByTestId("rename-save").ClickAsync();
        await Expect(page.ByTestId("workflow-open-list-ops")).ToHaveTextAsync("List operations");

        await page.ByTestId("workflow-duplicate-list-ops").ClickAsync();
        await Expect(page.ByTestId("workflow-open-list-operations-copy")).ToHaveTextAsync("List operations (copy)");

        // Cancelling the confirmation keeps it; confirming deletes it.
        await page.ByTestId("workflow-delete-list-operations-copy").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.ByTestId("workflow-open-list-operations-copy")).ToBeVisibleAsync();
        await page.ByTestId("workflow-delete-list-operations-copy").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.ByTestId("workflow-open-list-operations-copy")).ToHaveCountAsync(0);
        await Expect(page.ByTestId("workflow-open-list-ops")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Keyboard_deletes_undoes_duplicates_and_leaving_unsaved_asks_first()
    {
        var page = await studio.NewPageAsync();
        await page.GotoAsync("/workflows");
        await page.WaitForInteractiveAsync();
        await page.CreateWorkflowAsync("support-triage", "Keys");
        var canvas = page.ByTestId("canvas");
        await Expect(canvas).ToHaveAttributeAsync("data-node-count", "7");

        await page.Node("billing").Locator(".step-title").ClickAsync();
        await page.Keyboard.PressAsync("Delete");
        await Expect(canvas).ToHaveAttributeAsync("data-node-count", "6");
        await Expect(page.ByTestId("problems")).ToContainTextAsync("is_billing");

        await page.Keyboard.PressAsync("Control+z");
        await Expect(canvas).ToHaveAttributeAsync("data-node-count", "7");
        await page.Keyboard.PressAsync("Control+Shift+z");
        await Expect(canvas).ToHaveAttributeAsync("data-node-count", "6");
        await page.Keyboard.PressAsync("Control+z");

        await page.Node("technical").Locator(".step-title").ClickAsync();
        await page.Keyboard.PressAsync("Control+d");
        await Expect(page.Node("prompt1")).ToBeVisibleAsync();
        await page.ByTestId("designer-copy").ClickAsync();
        await page.ByTestId("designer-paste").ClickAsync();
        await Expect(page.Node("prompt2")).ToBeVisibleAsync();
        await Expect(canvas).ToHaveAttributeAsync("data-node-count", "9");

        await page.ByTestId("designer-help").ClickAsync();
        await Expect(page.GetByText("Duplicate the selected steps")).ToBeVisibleAsync();
        await page.ByTestId("shortcuts-close").ClickAsync();

        // Unsaved changes: leaving asks, staying keeps the work.
        await page.ByTestId("nav-workflows").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Stay" }).ClickAsync();
        await Expect(canvas).ToHaveAttributeAsync("data-node-count", "9");
        await canvas.ClickAsync(new() { Position = new() { X = 8, Y = 8 } });
        await page.Keyboard.PressAsync("Control+s");
        await Expect(page.ByTestId("page-designer")).ToHaveAttributeAsync("data-dirty", "false");
        await page.ByTestId("nav-workflows").ClickAsync();
        await Expect(page.ByTestId("page-workflows")).ToBeVisibleAsync();
    }
}
