using BlazorMonaco.Editor;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Web.Designer;

namespace WorkflowStudio.Web.Tests.Designer.Code;

/// <summary>The code panel over a Monaco editor whose browser side is bUnit's JS interop: the tests answer the editor's
/// getValue and raise its content-change event the way BlazorMonaco does.</summary>
public sealed class CodePanelTests : StudioTestContext
{
    private const string EditorId = "code-editor-csharp";

    private (IRenderedComponent<CodePanel> Panel, DesignerSession Session) RenderPanel()
    {
        var session = new DesignerSession(SampleWorkflows.Chain());
        var panel = Render<CodePanel>(p => p.Add(c => c.Session, session).Add(c => c.Codec, CSharpCodec.Instance));
        panel.WaitForAssertion(() => Assert.Equal("true", panel.Find("[data-testid=code-csharp-input]").GetAttribute("data-ready")));
        return (panel, session);
    }

    private async Task TypeAsync(IRenderedComponent<CodePanel> panel, string text, bool flush = false)
    {
        JSInterop.Setup<string>("blazorMonaco.editor.getValue", _ => true).SetResult(text);
        var editor = panel.FindComponent<StandaloneCodeEditor>().Instance;
        await panel.InvokeAsync(() => editor.EventCallback("OnDidChangeModelContent", $$"""{"isFlush":{{(flush ? "true" : "false")}}}"""));
    }

    private static PromptNode Answer(DesignerSession session) => session.Workflow.Nodes.OfType<PromptNode>().Single(n => n.Id == "answer");

    [Fact]
    public void The_editor_opens_on_the_generated_code_in_its_language_and_follows_the_theme()
    {
        var (_, _) = RenderPanel();

        var create = Assert.Single(JSInterop.Invocations["blazorMonaco.editor.create"]);
        Assert.Equal(EditorId, create.Arguments[0]);
        var options = System.Text.Json.JsonSerializer.Serialize(create.Arguments[1]);
        Assert.Contains("\"language\":\"csharp\"", options);
        Assert.Contains("Answer {{question}} from {{search.text}}", System.Text.RegularExpressions.Regex.Unescape(options));
        Assert.Equal(EditorId, Assert.Single(JSInterop.Invocations["studio.codeEditor.attach"]).Arguments[0]);
    }

    [Fact]
    public async Task An_edit_that_reads_replaces_the_workflow_and_keeps_positions()
    {
        var (panel, session) = RenderPanel();
        var code = CSharpCodec.Instance.Render(session.Workflow);

        await TypeAsync(panel, code.Replace("Answer {{question}}", "Reply to {{question}}"));

        panel.WaitForAssertion(() => Assert.Equal("Reply to {{question}} from {{search.text}}", Answer(session).User), TimeSpan.FromSeconds(5));
        Assert.Equal(SampleWorkflows.Chain().Layout, session.Workflow.Layout);
        Assert.Empty(panel.FindAll("[data-testid=code-csharp-error]"));
    }

    [Fact]
    public async Task Leaving_the_tab_in_the_pause_after_typing_keeps_the_edit()
    {
        var (panel, session) = RenderPanel();

        await TypeAsync(panel, CSharpCodec.Instance.Render(session.Workflow).Replace("Answer {{question}}", "Reply to {{question}}"));
        await DisposeComponentsAsync();

        Assert.Equal("Reply to {{question}} from {{search.text}}", Answer(session).User);
    }

    [Fact]
    public async Task An_edit_that_does_not_read_keeps_the_workflow_lists_and_marks_the_problem_and_goes_to_it()
    {
        var (panel, session) = RenderPanel();
        var before = session.Workflow;
        var code = CSharpCodec.Instance.Render(before);

        await TypeAsync(panel, code.Replace(".Build();", ".Build("));

        panel.WaitForAssertion(() => panel.Find("[data-testid=code-csharp-problem-0]"), TimeSpan.FromSeconds(5));
        Assert.Same(before, session.Workflow);
        var markers = Assert.IsAssignableFrom<IReadOnlyList<EditorMarker>>(Assert.Single(JSInterop.Invocations["studio.codeEditor.setMarkers"]).Arguments[1]);
        var line = code.Split('\n').ToList().FindIndex(l => l.Contains(".Build();", StringComparison.Ordinal)) + 1;
        Assert.Contains(markers, m => m.StartLineNumber == line);
        Assert.Contains($"Line {markers[0].StartLineNumber}", panel.Find("[data-testid=code-csharp-problem-0]").TextContent);

        await panel.Find("[data-testid=code-csharp-problem-0]").ClickAsync(new());
        var goTo = Assert.Single(JSInterop.Invocations["studio.codeEditor.goTo"]);
        Assert.Equal([EditorId, markers[0].StartLineNumber, markers[0].StartColumn], goTo.Arguments);

        // Putting it right clears the list and the markers, and the canvas follows again.
        await TypeAsync(panel, code);
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=code-csharp-error]")), TimeSpan.FromSeconds(5));
        var cleared = JSInterop.Invocations["studio.codeEditor.setMarkers"][^1];
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<EditorMarker>>(cleared.Arguments[1]));
    }

    [Fact]
    public async Task A_valid_edit_stays_as_typed_and_only_Format_or_a_save_writes_the_canonical_form()
    {
        var (panel, session) = RenderPanel();
        // The page re-renders the panel as soon as the workflow changes, while the panel is still applying the edit.
        session.Changed += () => panel.Render(p => p.Add(c => c.Session, session));
        var canonical = CSharpCodec.Instance.Render(session.Workflow);
        var typed = "// Notes the engineer keeps.\n\n" + canonical.Replace("Answer {{question}}", "Reply to {{question}}");

        await TypeAsync(panel, typed);

        panel.WaitForAssertion(() => Assert.Equal("Reply to {{question}} from {{search.text}}", Answer(session).User), TimeSpan.FromSeconds(5));
        Assert.Empty(JSInterop.Invocations["blazorMonaco.editor.setValue"]);
        // A change that leaves the workflow reading the same (an undo and redo, say) keeps the text too.
        session.Apply(session.Workflow with { });
        Assert.Empty(JSInterop.Invocations["blazorMonaco.editor.setValue"]);

        await panel.Find("button[data-testid=code-csharp-format]").ClickAsync(new());
        Assert.Equal(CSharpCodec.Instance.Render(session.Workflow), Assert.Single(JSInterop.Invocations["blazorMonaco.editor.setValue"]).Arguments[1]);

        await TypeAsync(panel, "// Again.\n" + CSharpCodec.Instance.Render(session.Workflow).Replace("Reply to", "Answer"));
        panel.WaitForAssertion(() => Assert.StartsWith("Answer {{question}}", Answer(session).User), TimeSpan.FromSeconds(5));
        Assert.Single(JSInterop.Invocations["blazorMonaco.editor.setValue"]);
        session.MarkSaved(2);
        Assert.Equal(CSharpCodec.Instance.Render(session.Workflow), JSInterop.Invocations["blazorMonaco.editor.setValue"][^1].Arguments[1]);
        Assert.Equal(2, JSInterop.Invocations["blazorMonaco.editor.setValue"].Count);
    }

    [Fact]
    public async Task Text_that_does_not_read_counts_in_the_problems_and_is_found_as_left_after_leaving_the_tab()
    {
        var (panel, session) = RenderPanel();
        var broken = CSharpCodec.Instance.Render(session.Workflow).Replace(".Build();", ".Build(");
        Assert.Equal(0, session.ProblemCount);

        await TypeAsync(panel, broken);

        panel.WaitForAssertion(() => Assert.NotEmpty(session.TextProblems), TimeSpan.FromSeconds(5));
        Assert.Equal(session.Problems.Count + session.TextProblems.Count, session.ProblemCount);
        Assert.All(session.TextProblems, p => Assert.Same(CSharpCodec.Instance, p.Form));

        // The tab closes (another tab opened) and opens again: the text and its problems are as they were left.
        await DisposeComponentsAsync();
        var again = Render<CodePanel>(p => p.Add(c => c.Session, session).Add(c => c.Codec, CSharpCodec.Instance));
        again.WaitForAssertion(() => Assert.Equal("true", again.Find("[data-testid=code-csharp-input]").GetAttribute("data-ready")));
        var reopened = JSInterop.Invocations["blazorMonaco.editor.create"][^1];
        Assert.Equal(broken, System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(reopened.Arguments[1]))!["value"]!.GetValue<string>());
        Assert.NotEmpty(again.FindAll("[data-testid=code-csharp-problem-0]"));

        // Putting it right clears them.
        await TypeAsync(again, CSharpCodec.Instance.Render(session.Workflow));
        again.WaitForAssertion(() => Assert.Empty(session.TextProblems), TimeSpan.FromSeconds(5));
        Assert.Equal(0, session.ProblemCount);
    }

    [Fact]
    public async Task The_editor_echoing_text_it_was_sent_is_not_read_back_as_an_edit()
    {
        var (panel, session) = RenderPanel();
        var stale = CSharpCodec.Instance.Render(session.Workflow);
        session.Apply(session.Workflow with { Name = "Chain, first name" });
        panel.Render(p => p.Add(c => c.Session, session));
        Assert.Equal(CSharpCodec.Instance.Render(session.Workflow), Assert.Single(JSInterop.Invocations["blazorMonaco.editor.setValue"]).Arguments[1]);

        // The flush of that older value arrives late: it is not an edit, so the panel goes on following the canvas.
        await TypeAsync(panel, stale, flush: true);
        Assert.Equal("Chain, first name", session.Workflow.Name);
        session.Apply(session.Workflow with { Name = "Chain, second name" });
        panel.Render(p => p.Add(c => c.Session, session));
        var sent = JSInterop.Invocations["blazorMonaco.editor.setValue"];
        Assert.Equal(2, sent.Count);
        Assert.Equal(CSharpCodec.Instance.Render(session.Workflow), sent[^1].Arguments[1]);
        Assert.Equal("Chain, second name", session.Workflow.Name);
    }

    [Fact]
    public async Task Leaving_the_tab_while_the_editor_is_being_created_does_not_break_the_page()
    {
        var creating = JSInterop.SetupVoid("blazorMonaco.editor.create", _ => true);
        var session = new DesignerSession(SampleWorkflows.Chain());
        var panel = Render<CodePanel>(p => p.Add(c => c.Session, session).Add(c => c.Codec, CSharpCodec.Instance));
        panel.WaitForAssertion(() => Assert.Single(JSInterop.Invocations["blazorMonaco.editor.create"]));

        // The tab is left, then the browser call completes the way it does with a freed DotNetObjectReference.
        await DisposeComponentsAsync();
        creating.SetException(new ObjectDisposedException("DotNetObjectReference`1[[BlazorMonaco.Editor.Editor]]"));
        await Renderer.Dispatcher.InvokeAsync(() => { });

        if (Renderer.UnhandledException.IsCompleted) Assert.Fail((await Renderer.UnhandledException).ToString());
    }
}
