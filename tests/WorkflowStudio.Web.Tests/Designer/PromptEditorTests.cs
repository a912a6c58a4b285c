using WorkflowStudio.Web.Designer;
using WorkflowStudio.Web.Designer.Inspector;

namespace WorkflowStudio.Web.Tests.Designer;

public sealed class PromptEditorTests : StudioTestContext
{
    private static readonly IReadOnlyList<TemplateVariable> Available = TemplateVariables.Available(SampleWorkflows.Chain(), "answer");

    private IRenderedComponent<PromptEditor> RenderEditor(string value, Action<string>? changed = null) =>
        Render<PromptEditor>(p => p
            .Add(c => c.Value, value)
            .Add(c => c.Available, Available)
            .Add(c => c.TestId, "user")
            .Add(c => c.ValueChanged, v => changed?.Invoke(v)));

    [Fact]
    public void Variables_are_highlighted_as_known_or_unknown()
    {
        var editor = RenderEditor("Answer {{question}} with {{ghost.text}}");

        var variables = editor.FindAll("[data-testid=user-highlight] .prompt-var");
        Assert.Equal(["question", "ghost.text"], variables.Select(v => v.GetAttribute("data-variable")));
        Assert.Contains("known", variables[0].ClassList);
        Assert.Contains("unknown", variables[1].ClassList);
    }

    [Fact]
    public void An_unknown_variable_gets_a_warning_naming_what_is_available()
    {
        var editor = RenderEditor("Answer {{ghost.text}}");

        var warning = editor.Find("[data-testid='user-unknown-ghost.text']");
        Assert.Contains("{{ghost.text}} is not provided by any step before this one.", warning.TextContent);
        Assert.Contains("{{question}}", warning.TextContent);
        Assert.Empty(RenderEditor("Answer {{question}}").FindAll("[data-testid^=user-unknown-]"));
    }

    [Fact]
    public void Typing_an_open_reference_offers_matching_variables_and_picking_one_completes_it()
    {
        string? committed = null;
        var editor = RenderEditor("", v => committed = v);

        editor.Find("[data-testid=user-input]").Input("Answer {{sea");
        var suggestions = editor.FindAll("[data-testid^=user-suggestion-]").Select(s => s.GetAttribute("data-testid")).ToList();
        Assert.Equal(["user-suggestion-search.text", "user-suggestion-search.chunks"], suggestions);

        editor.Find("[data-testid='user-suggestion-search.text']").Click();

        Assert.Equal("Answer {{search.text}}", committed);
        Assert.Equal("Answer {{search.text}}", editor.Find("[data-testid=user-input]").GetAttribute("value"));
        Assert.Empty(editor.FindAll("[data-testid^=user-suggestion-]"));
    }

    [Fact]
    public void Edits_are_committed_after_a_pause()
    {
        string? committed = null;
        var editor = RenderEditor("Old", v => committed = v);

        editor.Find("[data-testid=user-input]").Input("New {{question}}");

        editor.WaitForAssertion(() => Assert.Equal("New {{question}}", committed));
    }

    [Fact]
    public void The_preview_renders_with_sample_values()
    {
        var editor = RenderEditor("Q: {{question}} / {{search.text}}");

        editor.Find("[data-testid='user-sample-question']").Input("Where is my parcel?");
        editor.Find("[data-testid='user-sample-search.text']").Input("It ships Monday.");

        Assert.Equal("Q: Where is my parcel? / It ships Monday.", editor.Find("[data-testid=user-rendered]").TextContent);
    }

    [Fact]
    public void A_syntax_error_is_shown()
    {
        var editor = RenderEditor("Answer {% if %}");

        Assert.NotEmpty(editor.Find("[data-testid=user-syntax]").TextContent);
    }
}
