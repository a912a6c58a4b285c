using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Web.Designer;
using WorkflowStudio.Web.Tests.Designer;

namespace WorkflowStudio.Web.Tests.VersionsView;

/// <summary>The versions panel over a real SQLite versions store.</summary>
public sealed class VersionsPanelTests : StudioTestContext, IDisposable
{
    private readonly TempStudioData _db = new();
    private readonly DesignerSession _session;

    public VersionsPanelTests()
    {
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton(_db.Versions);
        Services.AddRunPanel();
        var repository = _db.Library;
        var chain = SampleWorkflows.Chain();
        repository.SaveAsync(chain).GetAwaiter().GetResult();
        repository.SaveAsync(Rewrite(chain, "Answer {{question}} briefly")).GetAwaiter().GetResult();
        var third = Rewrite(chain, "Answer {{question}} in French");
        repository.SaveAsync(third).GetAwaiter().GetResult();
        _session = new DesignerSession(third);
    }

    private static Workflow Rewrite(Workflow workflow, string user) =>
        workflow with { Nodes = [.. workflow.Nodes.Select(n => n is PromptNode p ? p with { User = user } : n)] };

    private IRenderedComponent<VersionsPanel> RenderPanel()
    {
        var panel = Render<VersionsPanel>(p => p.Add(c => c.Session, _session));
        panel.WaitForAssertion(() => Assert.Equal("3", panel.Find("[data-testid=versions-panel]").GetAttribute("data-count")));
        return panel;
    }

    [Fact]
    public void Comparing_two_versions_lists_the_changed_step_shows_it_on_the_canvas_and_diffs_the_code()
    {
        var panel = RenderPanel();
        panel.Find("[data-testid=compare-before]").Change("1");
        panel.Find("[data-testid=compare-after]").Change("3");
        panel.Find("[data-testid=compare]").Click();

        panel.WaitForAssertion(() => Assert.Equal("changed", panel.Find("[data-testid=diff-node-answer]").GetAttribute("data-change")));
        Assert.Contains("in French", panel.Find("[data-testid=diff-node-answer]").TextContent);
        Assert.Equal("changed", Services.GetRequiredService<CanvasOverlay>().Diff!.For("answer")!.Kind.ToString().ToLowerInvariant());
        Assert.NotEmpty(panel.FindAll(".diff-line[data-kind=added]"));
        Assert.NotEmpty(panel.FindAll(".diff-line[data-kind=removed]"));
        Assert.Contains("C# definition", panel.Markup);
    }

    [Fact]
    public void Restoring_adds_a_version_and_loads_it_into_the_designer_unsaved_changes_first_are_refused()
    {
        var panel = RenderPanel();
        _session.Apply(_session.Workflow with { Description = "unsaved" });
        panel.Find("[data-testid=version-1-restore]").Click();
        Assert.Contains("Save or undo", panel.Find("[data-testid=versions-error]").TextContent);
        _session.Undo();

        panel.Find("[data-testid=version-1-restore]").Click();

        panel.WaitForAssertion(() => Assert.Equal("4", panel.Find("[data-testid=versions-panel]").GetAttribute("data-count")));
        Assert.Contains("Restored version 1", panel.Find("[data-testid=version-4]").TextContent);
        Assert.Equal("Answer {{question}} from {{search.text}}", ((PromptNode)_session.Workflow.FindNode("answer")!).User);
        Assert.False(_session.IsDirty);
    }

    [Fact]
    public void After_a_restore_the_panel_shows_the_new_head_clears_the_old_comparison_and_confirms()
    {
        var panel = RenderPanel();
        panel.Find("[data-testid=compare-before]").Change("1");
        panel.Find("[data-testid=compare-after]").Change("2");
        panel.Find("[data-testid=compare]").Click();
        panel.WaitForAssertion(() => Assert.NotNull(Services.GetRequiredService<CanvasOverlay>().Diff));

        panel.Find("[data-testid=version-1-restore]").Click();

        panel.WaitForAssertion(() => Assert.StartsWith("Version 4 is the latest: Restored version 1", panel.Find("[data-testid=versions-notice]").TextContent.Trim()));
        Assert.Null(Services.GetRequiredService<CanvasOverlay>().Diff);
        Assert.Empty(panel.FindAll("[data-testid^=diff-node-]"));
        Assert.Equal("4", panel.Find("[data-testid=compare-after]").GetAttribute("value"));
        Assert.Equal("3", panel.Find("[data-testid=compare-before]").GetAttribute("value"));
    }

    [Fact]
    public void A_tag_is_set_then_moved_with_its_history_and_a_bad_name_is_refused_with_a_reason()
    {
        var panel = RenderPanel();
        panel.Find("[data-testid=tag-version]").Change("1");
        panel.Find("[data-testid=tag-set]").Click();
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=version-1-tag-staging]")));

        panel.Find("[data-testid=tag-version]").Change("3");
        panel.Find("[data-testid=tag-set]").Click();
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=version-3-tag-staging]")));
        Assert.Empty(panel.FindAll("[data-testid=version-1-tag-staging]"));
        Assert.Equal(2, panel.FindAll("[data-testid=tag-history] li").Count);

        panel.Find("[data-testid=tag-name]").Change("not a tag!");
        panel.Find("[data-testid=tag-set]").Click();
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.Find("[data-testid=versions-error]").TextContent));
    }

    public new void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}
