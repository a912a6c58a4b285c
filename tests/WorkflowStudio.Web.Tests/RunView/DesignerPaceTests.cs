using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Web.Designer;

namespace WorkflowStudio.Web.Tests.RunView;

/// <summary>
/// A run started in the designer streams the offline model at a readable pace (40 words a second by default) so a
/// person sees the text arrive; the same workflow started anywhere else (API, CLI, evaluations) gets no pause.
/// </summary>
public sealed class DesignerPaceTests : StudioTestContext, IDisposable
{
    private readonly RecordingClock _clock = new();
    private readonly TempStudioData _db;

    private static readonly Workflow Writer = new WorkflowBuilder("writer", "Writer")
        .Input("topic")
        .Prompt("draft", p => p.Model("offline").User("Context:\nEspresso needs a fine, even grind and water at 93 degrees.\n\nQuestion: What does {{topic}} need?"))
        .Output("article", "{{draft.text}}")
        .Edge("topic", "draft").Edge("draft", "article")
        .Build();

    public DesignerPaceTests()
    {
        _db = new TempStudioData(clock: _clock);
        Services.AddLogging();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton(_db.History);
        Services.AddSingleton(_db.Library);
        Services.AddSingleton(_db.Feed);
        Services.AddRunPanel();
    }

    [Fact]
    public async Task A_run_started_in_the_designer_pauses_between_words_at_the_readable_pace()
    {
        await _db.Library.SaveAsync(Writer);
        var panel = Render<RunPanel>(p => p.Add(c => c.Session, new DesignerSession(Writer)));

        panel.Find("input[data-testid=run-input-topic]").Change("espresso");
        panel.Find("[data-testid=run-start]").Click();

        panel.WaitForAssertion(() => Assert.Equal("succeeded", panel.Find("[data-testid=run-panel]").GetAttribute("data-status")), TimeSpan.FromSeconds(60));
        Assert.NotEmpty(_clock.Waits);
        Assert.All(_clock.Waits, wait => Assert.Equal(TimeSpan.FromMilliseconds(25), wait));
    }

    [Fact]
    public async Task The_same_run_started_outside_the_designer_does_not_pause()
    {
        await _db.Library.SaveAsync(Writer);

        var started = await _db.Feed.StartAsync(new RunRequest("writer", new Dictionary<string, string> { ["topic"] = "espresso" }), "api");
        var events = await _db.Feed.FollowAsync(started.RunId, 0).ToListAsync();

        Assert.IsType<RunCompleted>(events[^1]);
        Assert.Empty(_clock.Waits);
    }

    public new void Dispose()
    {
        base.Dispose();
        _db.Dispose();
    }

    /// <summary>Records each pause shorter than a second and lets it pass at once; longer timers (run limits) keep their time.</summary>
    private sealed class RecordingClock : TimeProvider
    {
        public ConcurrentQueue<TimeSpan> Waits { get; } = new();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime >= TimeSpan.Zero && dueTime < TimeSpan.FromSeconds(1)) Waits.Enqueue(dueTime);
            return System.CreateTimer(callback, state, dueTime < TimeSpan.FromSeconds(1) ? TimeSpan.Zero : dueTime, period);
        }
    }
}
