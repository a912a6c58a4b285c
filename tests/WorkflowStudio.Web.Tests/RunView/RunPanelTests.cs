using WorkflowStudio.Core.Running;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Web.Designer;
using WorkflowStudio.Web.Tests.Designer;

namespace WorkflowStudio.Web.Tests.RunView;

/// <summary>The run panel over a real SQLite run store; starting and following runs over the hub is covered by the Playwright journeys.</summary>
public sealed class RunPanelTests : StudioTestContext, IDisposable
{
    private readonly TempStudioData _db = new();

    public RunPanelTests()
    {
        Services.AddLogging();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton(_db.History);
        Services.AddSingleton(_db.Library);
        Services.AddSingleton(_db.Feed);
        Services.AddSingleton(_db.Get<WorkflowStudio.Studio.Monitoring.RunFeedback>());
        Services.AddSingleton(_db.Get<WorkflowStudio.Studio.Evaluations.DatasetWorkbench>());
        Services.AddRunPanel();
    }

    private IRenderedComponent<RunPanel> RenderPanel() =>
        Render<RunPanel>(p => p.Add(c => c.Session, new DesignerSession(SampleWorkflows.Chain())));

    [Fact]
    public void Before_any_run_the_form_has_a_field_per_input_and_a_required_one_must_be_filled()
    {
        var panel = RenderPanel();

        Assert.Single(panel.FindAll("[data-testid^=run-input-]"));
        Assert.NotNull(panel.Find("[data-testid=run-history-empty]"));

        panel.Find("[data-testid=run-start]").Click();

        Assert.Contains("Fill in question before running.", panel.Find("[data-testid=run-error]").TextContent);
        Assert.Null(Services.GetRequiredService<CanvasOverlay>().Run);
    }

    [Fact]
    public async Task Past_runs_are_listed_and_the_last_inputs_are_remembered()
    {
        var story = RunEvents.Story();
        await _db.Store.SaveAsync(new(SampleWorkflows.Chain(), "first", "ada", BasedOn: null));
        await _db.Runs.CreateRunAsync(new NewRun("run1", "chain", 1, "ada", new Dictionary<string, string> { ["question"] = "why?" }, RunEvents.Start));
        await _db.Runs.AppendEventsAsync(story);

        var panel = RenderPanel();

        panel.WaitForAssertion(() => Assert.Equal("succeeded", panel.Find("[data-testid=run-history-run1]").GetAttribute("data-status")));
        Assert.Equal("why?", panel.Find("input[data-testid=run-input-question]").GetAttribute("value"));
        Assert.Contains("$0.0021", panel.Find("[data-testid=run-history-run1]").TextContent);
    }

    [Fact]
    public async Task A_run_that_completed_without_reaching_an_output_says_so_plainly()
    {
        const string note = "completed, but no output was reached: judge1 failed and its fail port leads nowhere";
        var story = RunEvents.Story();
        var empty = story.Take(story.Count - 1).Append(new RunCompleted(new Dictionary<string, object?>()) { Note = note } with
        {
            RunId = "run1", Sequence = story.Count, Timestamp = story[^1].Timestamp,
        }).ToList();
        await _db.Store.SaveAsync(new(SampleWorkflows.Chain(), "first", "ada", BasedOn: null));
        await _db.Runs.CreateRunAsync(new NewRun("run1", "chain", 1, "ada", new Dictionary<string, string> { ["question"] = "why?" }, RunEvents.Start));
        await _db.Runs.AppendEventsAsync(empty);

        var panel = Render<RunPanel>(p => p.Add(c => c.Session, new DesignerSession(SampleWorkflows.Chain())).Add(c => c.OpenRunId, "run1"));

        panel.WaitForAssertion(() => Assert.Equal(note, panel.Find("[data-testid=run-problem]").TextContent.Trim()));
        Assert.Contains("mud-alert-text-warning", panel.Find("[data-testid=run-problem]").ClassName);
        Assert.Contains(note, panel.Find("[data-testid=run-events]").TextContent);
    }

    [Fact]
    public async Task A_finished_run_takes_a_thumbs_down_with_a_correction()
    {
        await _db.Store.SaveAsync(new(SampleWorkflows.Chain(), "first", "ada", BasedOn: null));
        await _db.Runs.CreateRunAsync(new NewRun("run1", "chain", 1, "ada", new Dictionary<string, string> { ["question"] = "why?" }, RunEvents.Start));
        await _db.Runs.AppendEventsAsync(RunEvents.Story());
        var panel = Render<RunPanel>(p => p.Add(c => c.Session, new DesignerSession(SampleWorkflows.Chain())).Add(c => c.OpenRunId, "run1"));
        panel.WaitForAssertion(() => panel.Find("[data-testid=run-feedback-down]"));

        panel.Find("[data-testid=run-feedback-down]").Click();
        panel.WaitForElement("textarea[data-testid=run-feedback-correction]").Change("Because of the tides.");
        panel.Find("[data-testid=run-feedback-send]").Click();

        panel.WaitForAssertion(() => Assert.Contains("with a correction", panel.Find("[data-testid=run-feedback-given]").TextContent));
        var stored = Assert.Single(await _db.Get<WorkflowStudio.Studio.Monitoring.RunFeedback>().OfRunAsync("run1"));
        Assert.Equal((false, "Because of the tides.", 0d), (stored.ThumbsUp, stored.Correction, stored.Score));
    }

    public new void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }
}
