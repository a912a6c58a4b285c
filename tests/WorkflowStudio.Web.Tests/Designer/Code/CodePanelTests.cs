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
