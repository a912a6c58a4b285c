using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WorkflowStudio.E2E;

/// <summary>
/// A 500-step workflow in the real designer. It checks that everything renders and edits; the timings it prints
/// (measured in the page with performance.now()) go into docs/benchmarks.md and are never asserted on.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class LargeWorkflowTests(StudioFixture studio, ITestOutputHelper output)
{
    private const int Chains = 6;
    private const int ChainLength = 83;
    private const int Steps = Chains * ChainLength + 2;
    private const int Moves = 20;

    // Drives a drag with pointer events and times each move until the node is redrawn, then the commit until undo is offered.
    private const string DragScript = """
        async ([nodeId, moves]) => {
            const node = document.querySelector(`.diagram-node[data-node-id="${nodeId}"]`);
            const title = node.querySelector('.step-title');
            const canvas = document.querySelector('.diagram-canvas');
            const undo = document.querySelector('[data-testid=designer-undo]');
            const r = title.getBoundingClientRect();
            const x = r.left + r.width / 2, y = r.top + r.height / 2;
            const fire = (target, type, dx) => target.dispatchEvent(new PointerEvent(type,
                { bubbles: true, cancelable: true, clientX: x + dx, clientY: y, button: 0, buttons: 1, pointerType: 'mouse', isPrimary: true }));
            const changed = (target, attribute) => new Promise(resolve => {
                const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
                observer.observe(target, { attributes: true, attributeFilter: [attribute] });
            });
            fire(title, 'pointerdown', 0);
            const timings = [];
            for (let i = 1; i <= moves; i++) {
                const redrawn = changed(node, 'style');
                const start = performance.now();
                fire(canvas, 'pointermove', i * 5);
                await redrawn;
                timings.push(performance.now() - start);
            }
            const committed = changed(undo, 'disabled');
            const start = performance.now();
            fire(canvas, 'pointerup', moves * 5);
            await committed;
            return { moves: timings, commit: performance.now() - start };
        }
        """;

    [Fact]
    public async Task A_500_step_workflow_opens_edits_and_reports_its_timings()
    {
        var builder = new WorkflowBuilder("large-500", "Large (500 steps)").Input("start");
        for (var c = 0; c < Chains; c++)
            for (var s = 0; s < ChainLength; s++)
            {
                var id = $"c{c}_s{s}";
                builder.Prompt(id, p => p.User("Step {{start}}")).Edge(s == 0 ? "start" : $"c{c}_s{s - 1}", id);
            }
        builder.Output("done", "{{c0_s0.text}}");
        for (var c = 0; c < Chains; c++) builder.Edge($"c{c}_s{ChainLength - 1}", "done");
        var file = Path.Combine(Directory.CreateTempSubdirectory("studio-large-").FullName, "large-500.json");
        await File.WriteAllTextAsync(file, WorkflowJson.Serialize(builder.Build()));

        var page = await studio.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        await page.GotoAsync("/workflows");
        await page.WaitForInteractiveAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(file);
        var open = page.ByTestId("workflow-open-large-500");
        await Expect(open).ToBeVisibleAsync();

        await page.EvaluateAsync("() => window.__openStart = performance.now()");
        await open.ClickAsync();
        // Steps outside the view are virtualised: the canvas holds all of them, the page draws the visible ones.
        await Expect(page.ByTestId("canvas")).ToHaveAttributeAsync("data-node-count", Steps.ToString(CultureInfo.InvariantCulture), new() { Timeout = 120_000 });
        await Expect(page.Node("c3_s0")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        var rendered = await page.EvaluateAsync<double>("() => performance.now() - window.__openStart");
        var drawn = await page.Locator(".step-node").CountAsync();
        await page.Node("c3_s0").Locator(".step-title").ClickAsync();
        await Expect(page.ByTestId("inspector-kind")).ToHaveTextAsync("Prompt");
        var interactive = await page.EvaluateAsync<double>("() => performance.now() - window.__openStart");

        var drag = await page.EvaluateAsync<JsonElement>(DragScript, new object[] { "c3_s0", Moves });
        var moves = drag.GetProperty("moves").EnumerateArray().Select(m => m.GetDouble()).Order().ToList();
        var commit = drag.GetProperty("commit").GetDouble();
        await Expect(page.ByTestId("page-designer")).ToHaveAttributeAsync("data-dirty", "true");
        Assert.Equal(Moves, moves.Count);

        // Its C# is far over SignalR's default 32 KB message, and an edit there sends the whole text back to the server:
        // that used to close the circuit, taking the designer and the unsaved move with it.
        await page.GetByRole(AriaRole.Tab, new() { Name = "C#" }).ClickAsync();
        await Expect(page.ByTestId("code-csharp-input")).ToHaveAttributeAsync("data-ready", "true");
        var code = await page.EvaluateAsync<string>("id => studio.codeEditor.getText(id)", "code-editor-csharp");
        Assert.True(code.Length > 32 * 1024, $"the C# is only {code.Length} characters");
        await page.EvaluateAsync("([id, text]) => studio.codeEditor.setText(id, text)", new object[] { "code-editor-csharp", code.Replace("\"c3_s1\"", "\"c3_s1_renamed\"") });
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        await Expect(page.ByTestId("code-json-input")).ToHaveAttributeAsync("data-ready", "true");
        await page.WaitForFunctionAsync("id => studio.codeEditor.getText(id)?.includes('\"c3_s1_renamed\"')", "code-editor-json");
        await Expect(page.ByTestId("page-designer")).ToHaveAttributeAsync("data-dirty", "true");

        var report = string.Create(CultureInfo.InvariantCulture,
            $"500-step designer: visible steps drawn ({drawn} of {Steps}) {rendered:F0} ms, interactive (selected, inspector shown) {interactive:F0} ms; drag move median {moves[Moves / 2]:F1} ms, max {moves[^1]:F1} ms; drag commit {commit:F1} ms");
        output.WriteLine(report);
        Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "e2e-artifacts"));
        await File.AppendAllTextAsync(Path.Combine(RepoPaths.Root, "e2e-artifacts", "designer-timings.txt"), $"{DateTime.UtcNow:O} {report}\n");
    }
}
