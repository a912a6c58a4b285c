using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Web.Designer.Canvas;

namespace WorkflowStudio.Web.Tests.RunView;

public sealed class RunViewComponentTests : StudioTestContext
{
    private static RunTrace Finished()
    {
        var trace = new RunTrace("run1");
        foreach (var e in RunEvents.Story()) trace.Apply(e);
        return trace;
    }

    private static StepNodeModel Step(string id) => new(new PromptNode(id), new Position(0, 0), (_, _, _) => null);

    [Fact]
    public void Step_details_show_figures_and_render_markdown_without_script()
    {
        var details = Render<NodeRunDetails>(p => p.Add(c => c.Node, Finished().For("answer")!));

        Assert.Contains("1.5 s", details.Find("[data-testid=details-latency]").TextContent);
        Assert.Contains("12 in / 5 out", details.Find("[data-testid=details-tokens]").TextContent);
        Assert.Contains("$0.0021", details.Markup);
        Assert.Contains("offline", details.Markup);
        Assert.Contains("Retried: rate limited", details.Markup);
        var output = details.Find("[data-testid=details-output-text]");
        Assert.NotNull(output.QuerySelector("strong"));
        Assert.Null(output.QuerySelector("script"));
        Assert.Contains("Answer why?", details.Find("[data-testid=details-input-user]").TextContent);
    }

    [Theory]
    [InlineData(false, false, "offline")]
    [InlineData(true, false, "offline · cache hit")]
    [InlineData(true, true, "offline · semantic cache hit")]
    public void A_cached_answer_says_which_cache_gave_it(bool hit, bool semantic, string shown)
    {
        var trace = new RunTrace("a");
        trace.Apply(new NodeStarted("prompt", new Dictionary<string, object?>()) { RunId = "a", Sequence = 1, NodeId = "answer" });
        trace.Apply(new NodeCompleted(new Dictionary<string, object?> { ["text"] = "Hi" }, null)
            { RunId = "a", Sequence = 2, NodeId = "answer", Model = "offline", CacheHit = hit, SemanticCacheHit = semantic });

        var details = Render<NodeRunDetails>(p => p.Add(c => c.Node, trace.For("answer")!));

        Assert.Equal(shown, details.Find("[data-testid=details-model]").TextContent);
    }

    [Fact]
    public void A_failed_step_shows_its_error()
    {
        var trace = new RunTrace("a");
        trace.Apply(new NodeStarted("prompt", new Dictionary<string, object?>()) { RunId = "a", Sequence = 1, NodeId = "answer" });
        trace.Apply(new NodeFailed("timeout", "The model took too long.") { RunId = "a", Sequence = 2, NodeId = "answer" });

        var details = Render<NodeRunDetails>(p => p.Add(c => c.Node, trace.For("answer")!));

        Assert.Contains("The model took too long. (timeout)", details.Find("[data-testid=details-error]").TextContent);
    }

    [Fact]
    public void The_timeline_draws_a_bar_per_step_on_the_run_axis_and_reports_clicks()
    {
        string? clicked = null;
        var timeline = Render<RunTimeline>(p => p.Add(c => c.Trace, Finished()).Add(c => c.OnSelect, id => clicked = id));

        var rows = timeline.FindAll("[data-testid^=timeline-]");
        Assert.Equal(["timeline-question", "timeline-answer", "timeline-search"], rows.Select(r => r.GetAttribute("data-testid")));
        // The run spans 9 s; answer started at 3 s and finished at 7 s.
        Assert.Equal("left:33.33%;width:44.44%", timeline.Find("[data-testid=timeline-answer] .timeline-bar").GetAttribute("style"));
        Assert.Equal("skipped", rows[2].GetAttribute("data-status"));

        rows[1].Click();
        Assert.Equal("answer", clicked);
    }

    [Fact]
    public void The_canvas_overlay_shows_run_state_streaming_and_diff_changes_on_a_step()
    {
        Services.AddScoped<CanvasOverlay>();
        var overlay = Services.GetRequiredService<CanvasOverlay>();
        var trace = new RunTrace("run1");
        overlay.ShowRun(trace);
        var events = RunEvents.Story();
        foreach (var e in events.Take(7)) trace.Apply(e);

        var step = Render<NodeOverlay>(p => p.Add(c => c.Step, Step("answer")));
        Assert.Equal("running", step.Find("[data-testid=node-run-answer]").GetAttribute("data-status"));
        Assert.Contains("retried ×1", step.Markup);
        Assert.Contains("it is.<script>", step.Find("[data-testid=node-stream-answer]").TextContent);

        foreach (var e in events.Skip(7)) trace.Apply(e);
        step.WaitForAssertion(() => Assert.Equal("succeeded", step.Find("[data-testid=node-run-answer]").GetAttribute("data-status")));
        Assert.Empty(step.FindAll("[data-testid=node-stream-answer]"));

        var diff = new WorkflowDiff([new NodeChange("answer", NodeChangeKind.Changed, "prompt", [new SettingChange("User", "User prompt", "a", "b")], Moved: false)], [], []);
        step.InvokeAsync(() => overlay.ShowDiff(diff));
        step.WaitForAssertion(() => Assert.Equal("changed", step.Find("[data-testid=node-diff-answer]").GetAttribute("data-change")));
        Assert.Contains("changed: User prompt", step.Markup);
        Assert.Empty(step.FindAll("[data-testid=node-run-answer]"));
    }

    [Fact]
    public void A_step_the_run_has_not_reached_has_no_overlay()
    {
        Services.AddScoped<CanvasOverlay>();
        Services.GetRequiredService<CanvasOverlay>().ShowRun(Finished());

        var step = Render<NodeOverlay>(p => p.Add(c => c.Step, Step("elsewhere")));

        Assert.Empty(step.Markup.Trim());
    }
}
