using AngleSharp.Dom;
using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Web.Designer;
using WorkflowStudio.Web.Designer.Inspector;

namespace WorkflowStudio.Web.Tests.Designer;

public sealed class NodeInspectorTests : StudioTestContext
{
    public static TheoryData<string> Kinds => [.. NodeCatalog.All.Select(d => d.Kind)];

    private (DesignerSession Session, IRenderedComponent<NodeInspector> Inspector) Open(string kind)
    {
        var session = new DesignerSession(SampleWorkflows.Chain());
        var id = session.AddNode(NodeCatalog.Find(kind)!, new Position(0, 0));
        session.Connect("answer", PortNames.Out, id);
        session.Select([id]);
        return (session, Render<NodeInspector>(p => p.Add(c => c.Session, session)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_setting_of_every_kind_has_a_field(string kind)
    {
        var (_, inspector) = Open(kind);
        var descriptor = NodeCatalog.Find(kind)!;

        Assert.Equal(descriptor.DisplayName, inspector.Find("[data-testid=inspector-kind]").TextContent);
        var fields = inspector.FindAll("[data-testid$=-field]").Select(f => f.GetAttribute("data-testid")).ToList();
        Assert.Equal(descriptor.Settings.Select(s => $"setting-{s.Name}-field"), fields);
        foreach (var setting in descriptor.Settings)
            Assert.NotNull(inspector.Find($"[data-testid=setting-{setting.Name}-field]").QuerySelector($"[data-testid^=setting-{setting.Name}]"));
    }

    [Fact]
    public void Template_settings_use_the_prompt_editor_with_upstream_variables()
    {
        var (_, inspector) = Open("prompt");

        var editor = inspector.FindComponents<PromptEditor>().Single(e => e.Instance.TestId == "setting-User");
        Assert.Contains("answer.text", editor.Instance.Available.Select(v => v.Name));
        Assert.Contains("question", editor.Instance.Available.Select(v => v.Name));
    }

    [Fact]
    public void Pickers_offer_the_configured_models_knowledge_bases_and_tools()
    {
        var (_, prompt) = Open("prompt");
        var (_, retrieval) = Open("retrieval");
        var (_, tool) = Open("tool");

        Assert.Equal(Choices.Models, Options(prompt, "Model"));
        Assert.Equal(Choices.KnowledgeBases, Options(retrieval, "KnowledgeBase"));
        Assert.Equal(Choices.Tools, Options(tool, "Tool"));
    }

    private static IEnumerable<string> Options(IRenderedComponent<NodeInspector> inspector, string setting) =>
        inspector.FindComponents<MudBlazor.MudSelect<string>>()
            .Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), $"setting-{setting}"))
            .FindComponents<MudBlazor.MudSelectItem<string>>().Select(i => i.Instance.Value!);

    [Fact]
    public void An_agents_tools_are_picked_from_the_configured_ones_and_kept_as_a_list()
    {
        var (session, inspector) = Open("agent");
        var select = inspector.FindComponents<MudBlazor.MudSelect<string>>()
            .Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), "setting-Tools"));

        Assert.Equal(Choices.Tools, select.FindComponents<MudBlazor.MudSelectItem<string>>().Select(i => i.Instance.Value!));
        inspector.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync(["calculator", "web.search"]));

        Assert.Equal("calculator, web.search", ((AgentNode)session.SelectedNode!).Tools);
    }

    [Fact]
    public void Toggling_a_switch_changes_the_step()
    {
        var (session, inspector) = Open("prompt");

        inspector.Find("[data-testid=setting-Memory-field] input[type=checkbox]").Change(true);

        Assert.True(((PromptNode)session.SelectedNode!).Memory);
    }

    [Fact]
    public void Renaming_to_a_taken_id_is_refused_with_a_message()
    {
        var (session, inspector) = Open("judge");

        inspector.Find("input[data-testid=setting-Id]").Change("answer");

        Assert.Equal("judge1", session.SelectedNode!.Id);
        // MudTextField shows ErrorText on its next render, which may land after Change returns.
        inspector.WaitForAssertion(() => Assert.Contains("Another step is already called 'answer'.", inspector.Markup));
    }

    [Fact]
    public void Several_selected_says_how_many_and_what_to_do()
    {
        var session = new DesignerSession(SampleWorkflows.Chain());
        session.Select([.. session.Workflow.Nodes.Take(2).Select(n => n.Id)]);
        Assert.Contains("2 steps selected. Pick one", Render<NodeInspector>(p => p.Add(c => c.Session, session))
            .Find("[data-testid=inspector-empty]").TextContent);
    }
}
