using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

[Collection(StudioCollection.Name)]
public sealed class DesignerJourneyTests(StudioFixture studio)
{
    private const string LeftToRight = """
        () => {
            const box = id => document.querySelector(`[data-testid=node-${id}]`).getBoundingClientRect();
            return box('input1').x + 100 < box('prompt1').x && box('prompt1').x + 100 < box('output1').x;
        }
        """;

    private static async Task<IPage> CreateBlankAsync(StudioFixture studio, string name)
    {
        var page = await studio.NewPageAsync();
        await page.GotoAsync("/workflows");
        await page.WaitForInteractiveAsync();
        await page.CreateWorkflowAsync("blank", name);
        await Expect(page.ByTestId("canvas")).ToBeVisibleAsync();
        return page;
    }

    // The code panel is a Monaco editor: tests read and replace its text through studio.codeEditor (wwwroot-assets/js/code-editor.js),
    // whose edits raise the same change event as typing.
    private static string EditorId(string codec) => $"code-editor-{codec}";

    private static Task<string> CodeAsync(IPage page, string codec) =>
        page.EvaluateAsync<string>("id => studio.codeEditor.getText(id)", EditorId(codec));

    private static async Task SetCodeAsync(IPage page, string codec, string text)
    {
        await Expect(page.ByTestId($"code-{codec}-input")).ToHaveAttributeAsync("data-ready", "true");
        await page.EvaluateAsync("([id, text]) => studio.codeEditor.setText(id, text)", new object[] { EditorId(codec), text });
    }

    private static async Task WaitForCodeAsync(IPage page, string codec, Func<string, bool> expected)
    {
        await Expect(page.ByTestId($"code-{codec}-input")).ToHaveAttributeAsync("data-ready", "true");
        var text = "";
        for (var attempt = 0; attempt < 100; attempt++)
        {
            text = await CodeAsync(page, codec) ?? "";
            if (expected(text)) return;
            await page.WaitForTimeoutAsync(100);
        }
        Assert.Fail($"The {codec} code never showed what was expected; it reads:\n{text}");
    }

    [Fact]
    public async Task Build_a_flow_from_blank_edit_it_as_code_undo_redo_layout_save_and_reload()
    {
        var page = await CreateBlankAsync(studio, "Journey summary");
        var canvas = page.ByTestId("canvas");

        // Drag an Input, a Prompt and an Output from the palette.
        await page.DropFromPaletteAsync("input", 60, 80);
        await Expect(page.Node("input1")).ToBeVisibleAsync();
        await page.DropFromPaletteAsync("prompt", 330, 200);
        await Expect(page.Node("prompt1")).ToBeVisibleAsync();
        await page.DropFromPaletteAsync("output", 600, 60);
        await Expect(page.Node("output1")).ToBeVisibleAsync();
        await Expect(canvas).ToHaveAttributeAsync("data-node-count", "3");

        // Connect them.
        await page.DragLinkAsync(page.Port("input1", "out"), page.Port("prompt1", "in"));
        await Expect(canvas).ToHaveAttributeAsync("data-edge-count", "1");
        await page.DragLinkAsync(page.Port("prompt1", "out"), page.Port("output1", "in"));
        await Expect(canvas).ToHaveAttributeAsync("data-edge-count", "2");

        // A link into an Input is refused, with the reason.
        await page.DragLinkAsync(page.Port("prompt1", "out"), page.Node("input1"));
        await Expect(page.ByTestId("link-refusal")).ToContainTextAsync("nothing can link into 'input1'");
        await Expect(canvas).ToHaveAttributeAsync("data-edge-count", "2");

        // Type a prompt with a variable: the upstream input is offered and completes it.
        await page.Node("prompt1").Locator(".step-title").ClickAsync();
        await Expect(page.ByTestId("inspector-kind")).ToHaveTextAsync("Prompt");
        var user = page.ByTestId("setting-User-input");
        await user.FillAsync("Summarise {{inp");
        await page.ByTestId("setting-User-suggestion-input1").ClickAsync();
        await Expect(user).ToHaveValueAsync("Summarise {{input1}}");
        await Expect(page.ByTestId("node-preview-prompt1")).ToContainTextAsync("Summarise {{input1}}");

        // Test the step alone with a sample value, on the built-in offline model.
        await page.ByTestId("setting-User-preview").Locator("summary").ClickAsync();
        await page.ByTestId("setting-User-sample-input1").FillAsync("The parcel left the depot on Monday and arrives Wednesday.");
        await Expect(page.ByTestId("setting-User-rendered")).ToHaveTextAsync("Summarise The parcel left the depot on Monday and arrives Wednesday.");
        await page.ByTestId("node-test-run").ClickAsync();
        await Expect(page.ByTestId("node-test-status")).ToHaveTextAsync("Done.", new() { Timeout = 60_000 });
        await Expect(page.ByTestId("node-test-output")).Not.ToBeEmptyAsync();

        // The output uses the prompt's text; an unknown variable is flagged.
        await page.Node("output1").Locator(".step-title").ClickAsync();
        var value = page.ByTestId("setting-Value-input");
        await value.FillAsync("{{prompt1.text}} {{nobody}}");
        await Expect(page.ByTestId("setting-Value-unknown-nobody")).ToBeVisibleAsync();
        await value.FillAsync("{{prompt1.text}}");
        await Expect(page.ByTestId("setting-Value-unknown-nobody")).ToHaveCountAsync(0);
        await Expect(page.ByTestId("problems-none")).ToBeVisibleAsync();

        // The C# definition shows it; editing the code changes the node on the canvas.
        await page.GetByRole(AriaRole.Tab, new() { Name = "C#" }).ClickAsync();
        await WaitForCodeAsync(page, "csharp", text => text.Contains("Summarise {{input1}}"));
        var code = await CodeAsync(page, "csharp");
        await SetCodeAsync(page, "csharp", code.Replace("Summarise {{input1}}", "Translate {{input1}} into French"));
        await Expect(page.ByTestId("node-preview-prompt1")).ToContainTextAsync("Translate {{input1}} into French");

        // Code that does not read keeps the last good workflow on the canvas, marks the problem in the editor and lists it.
        await SetCodeAsync(page, "csharp", code.Replace(".Build();", ".Build("));
        await Expect(page.ByTestId("code-csharp-error")).ToContainTextAsync("Line");
        var problemLine = int.Parse(Regex.Match(await page.ByTestId("code-csharp-problem-0").InnerTextAsync(), @"Line (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var markedLines = await page.EvaluateAsync<int[]>("() => monaco.editor.getModelMarkers({ owner: 'studio' }).map(m => m.startLineNumber)");
        Assert.Contains(problemLine, markedLines);
        Assert.Equal(await page.Locator("[data-testid^=code-csharp-problem-]").CountAsync(), markedLines.Length);
        await page.ByTestId("code-csharp-problem-0").ClickAsync();
        await Expect(page.ByTestId("code-csharp-input").Locator("textarea")).ToBeFocusedAsync();
        Assert.Equal(problemLine, await page.EvaluateAsync<int>("id => blazorMonaco.editor.getEditor(id).getPosition().lineNumber", "code-editor-csharp"));
        await Expect(canvas).ToHaveAttributeAsync("data-node-count", "3");
        await Expect(page.ByTestId("node-preview-prompt1")).ToContainTextAsync("Translate {{input1}} into French");

        // The JSON tab follows too.
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        await WaitForCodeAsync(page, "json", text => text.Contains("\"user\": \"Translate {{input1}} into French\""));

        // Undo and redo.
        await page.ByTestId("designer-undo").ClickAsync();
        await Expect(page.ByTestId("node-preview-prompt1")).ToContainTextAsync("Summarise {{input1}}");
        await page.ByTestId("designer-redo").ClickAsync();
        await Expect(page.ByTestId("node-preview-prompt1")).ToContainTextAsync("Translate {{input1}} into French");

        // Auto-layout puts the chain left to right on one row.
        await page.ByTestId("designer-layout").ClickAsync();
        await Expect(page.Node("output1")).ToHaveAttributeAsync("data-kind", "output");
        await page.WaitForFunctionAsync(LeftToRight);
        var input = await page.BoxAsync("input1");
        var prompt = await page.BoxAsync("prompt1");
        var output = await page.BoxAsync("output1");
        Assert.True(input.X < prompt.X && prompt.X < output.X, $"Expected left-to-right order, got {input.X}, {prompt.X}, {output.X}.");
        Assert.Equal(input.Y, prompt.Y, 1.0);
        Assert.Equal(prompt.Y, output.Y, 1.0);
        await page.ScreenshotToDocsAsync("designer-journey.png");

        // Save, reload, and find everything as it was: same definition, positions included.
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        await WaitForCodeAsync(page, "json", text => text.Contains("\"layout\""));
        var saved = await CodeAsync(page, "json");
        await page.ByTestId("designer-save").ClickAsync();
        await page.ByTestId("save-confirm").ClickAsync();
        await Expect(page.ByTestId("page-designer")).ToHaveAttributeAsync("data-dirty", "false");
        await page.ReloadAsync();
        await Expect(page.ByTestId("canvas")).ToHaveAttributeAsync("data-node-count", "3");
        await Expect(page.ByTestId("canvas")).ToHaveAttributeAsync("data-edge-count", "2");
        await Expect(page.ByTestId("node-preview-prompt1")).ToContainTextAsync("Translate {{input1}} into French");
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        await WaitForCodeAsync(page, "json", text => text == saved);
        Assert.Contains("\"layout\"", saved);
        await page.WaitForFunctionAsync(LeftToRight);
    }

    [Fact]
    public async Task Code_panel_highlights_csharp_marks_typed_mistakes_follows_the_theme_and_survives_a_refresh()
    {
        var page = await CreateBlankAsync(studio, "Code panel");
        await page.DropFromPaletteAsync("input", 60, 80);
        await page.DropFromPaletteAsync("prompt", 330, 200);
        await Expect(page.Node("prompt1")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => typeof monaco === 'undefined'"), "Monaco should load only when a code tab opens.");
        await page.GetByRole(AriaRole.Tab, new() { Name = "C#" }).ClickAsync();
        var editor = page.ByTestId("code-csharp-input");
        await WaitForCodeAsync(page, "csharp", text => text.Contains("prompt1"));
        Assert.Equal("csharp", await page.EvaluateAsync<string>("id => blazorMonaco.editor.getEditor(id).getModel().getLanguageId()", EditorId("csharp")));
        // Highlighted: keywords and strings get token classes of their own, not only the plain-text one.
        await Expect(editor.Locator(".view-line span[class^=mtk]:not(.mtk1)")).Not.ToHaveCountAsync(0);
        await Expect(editor.Locator(".monaco-editor[role=code]")).ToHaveClassAsync(new Regex(@"\bvs\b"));

        // Typing a stray character at the end breaks the code: the canvas keeps its nodes and the mistake is marked at its line.
        var original = await CodeAsync(page, "csharp");
        await editor.ClickAsync(new() { Position = new() { X = 300, Y = 20 } });
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync("oops");
        await Expect(page.ByTestId("code-csharp-error")).ToContainTextAsync("Line");
        await Expect(editor.Locator(".squiggly-error")).Not.ToHaveCountAsync(0);
        await Expect(page.ByTestId("canvas")).ToHaveAttributeAsync("data-node-count", "2");
        await page.ByTestId("nav-toggle").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=nav-drawer]').getBoundingClientRect().width < 80");
        await page.Mouse.MoveAsync(700, 880);
        await page.ScreenshotToDocsAsync("code-panel-light.png");

        await page.ByTestId("theme-toggle").ClickAsync();
        await Expect(editor.Locator(".monaco-editor[role=code]")).ToHaveClassAsync(new Regex(@"\bvs-dark\b"));
        await page.Mouse.MoveAsync(700, 880);
        await Expect(page.Locator(".mud-tooltip").Filter(new() { HasText = "theme" })).ToHaveCountAsync(0);
        await page.ScreenshotToDocsAsync("code-panel-dark.png");

        // Deleting it again reads, and the problem and its marker go.
        await editor.ClickAsync(new() { Position = new() { X = 300, Y = 20 } });
        await page.Keyboard.PressAsync("Control+End");
        for (var i = 0; i < "oops".Length; i++) await page.Keyboard.PressAsync("Backspace");
        await Expect(page.ByTestId("code-csharp-error")).ToHaveCountAsync(0);
        await Expect(editor.Locator(".squiggly-error")).ToHaveCountAsync(0);
        Assert.Equal(original, await CodeAsync(page, "csharp"));

        // Refreshing disposes the editor without breaking the circuit, and it comes back in the dark theme.
        await page.ByTestId("designer-save").ClickAsync();
        await page.ByTestId("save-confirm").ClickAsync();
        await Expect(page.ByTestId("page-designer")).ToHaveAttributeAsync("data-dirty", "false");
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "C#" }).ClickAsync();
        await WaitForCodeAsync(page, "csharp", text => text.Contains("prompt1"));
        await Expect(editor.Locator(".monaco-editor[role=code]")).ToHaveClassAsync(new Regex(@"\bvs-dark\b"));

        // Switching tabs disposes one editor and creates the other, in its own language.
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        await WaitForCodeAsync(page, "json", text => text.Contains("\"prompt1\""));
        Assert.Equal("json", await page.EvaluateAsync<string>("id => blazorMonaco.editor.getEditor(id).getModel().getLanguageId()", EditorId("json")));
        await page.GetByRole(AriaRole.Tab, new() { Name = "C#" }).ClickAsync();
        await WaitForCodeAsync(page, "csharp", text => text.Contains("prompt1"));
        await Expect(page.ByTestId("blazor-error")).Not.ToBeVisibleAsync();
    }
}
