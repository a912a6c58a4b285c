using Microsoft.Playwright;
using WorkflowStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

[Collection(StudioCollection.Name)]
public sealed class SelectionJourney(StudioFixture studio)
{
    private const float Margin = 8;

    [Fact]
    public async Task Shift_drag_selects_a_box_of_steps_and_page_shortcuts_act_on_them_but_not_while_typing()
    {
        var page = await studio.NewPageAsync();
        await page.GotoAsync("/workflows");
        await page.WaitForInteractiveAsync();
        await page.CreateWorkflowAsync("support-triage", "Box selection");
        var canvas = page.ByTestId("canvas");
        await Expect(canvas).ToHaveAttributeAsync("data-node-count", "7");
        // The canvas draws only the steps in view; Fit brings the whole template in.
        await page.ByTestId("designer-fit").ClickAsync();

        // The template stacks "billing" above "technical" in a column of their own: a box around both catches only them.
        var billing = await page.BoxAsync("billing");
        var technical = await page.BoxAsync("technical");
        var left = Math.Min(billing.X, technical.X) - Margin;
        var top = billing.Y - Margin;
        var right = Math.Max(billing.X + billing.Width, technical.X + technical.Width) + Margin;
        var bottom = technical.Y + technical.Height + Margin;
        await page.Keyboard.DownAsync("Shift");
        await page.Mouse.MoveAsync(left, top);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(right, bottom, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
        await page.Keyboard.UpAsync("Shift");
        await Expect(page.Node("billing")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bselected\b"));
        await Expect(page.Node("technical")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bselected\b"));
        await Expect(page.Locator(".step-node.selected")).ToHaveCountAsync(2);

        // Keys reach the designer with nothing focused, not just with the canvas focused.
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        await page.Keyboard.PressAsync("Delete");
        await Expect(canvas).ToHaveAttributeAsync("data-node-count", "5");
        await Expect(page.Node("billing")).ToHaveCountAsync(0);
        await Expect(page.Node("technical")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Control+z");
        await Expect(canvas).ToHaveAttributeAsync("data-node-count", "7");
        await Expect(page.Node("billing")).ToBeVisibleAsync();
        await Expect(page.Node("technical")).ToBeVisibleAsync();

        // Keys typed in the prompt editor edit the text, never the workflow.
        await page.Node("classify").Locator(".step-title").ClickAsync();
        var prompt = page.ByTestId("setting-User-input");
        await prompt.ClickAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(" ok");
        await page.Keyboard.PressAsync("Backspace");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.PressAsync("l");
        await Expect(prompt).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(" ol$"));

        // Keys are handled in order: had Backspace or Delete reached the designer, "classify" would be gone before this duplicate.
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        await page.Keyboard.PressAsync("Control+d");
        await Expect(canvas).ToHaveAttributeAsync("data-node-count", "8");
        await Expect(page.Node("classify")).ToBeVisibleAsync();
    }
}
