using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Web.Tests.RunView;

public sealed class RunTraceTests
{
    [Fact]
    public void Events_fold_into_step_states_text_figures_and_the_final_outputs()
    {
        var trace = new RunTrace("run1");
        var events = RunEvents.Story();
        foreach (var e in events.Take(7)) trace.Apply(e);

        var streaming = trace.For("answer")!;
        Assert.Equal(NodeRunStatus.Running, streaming.Status);
        Assert.Equal("**Because** it is.<script>alert(1)</script>", streaming.Text);
        Assert.True(streaming.WasRetried);
        Assert.Equal(RunTraceStatus.Running, trace.Status);

        foreach (var e in events.Skip(7)) trace.Apply(e);

        var answer = trace.For("answer")!;
        Assert.Equal((NodeRunStatus.Succeeded, 2, 12, 5), (answer.Status, answer.Attempts, answer.Completion!.InputTokens, answer.Completion.OutputTokens));
        Assert.Equal(NodeRunStatus.Skipped, trace.For("search")!.Status);
        Assert.Equal(RunTraceStatus.Succeeded, trace.Status);
        Assert.True(trace.IsFinished);
        Assert.Equal("Because it is.", trace.Outputs!["reply"]);
        Assert.Equal((12, 5, 0.0021m), (trace.InputTokens, trace.OutputTokens, trace.Cost));
    }

    [Fact]
    public void Repeated_and_older_events_from_a_rejoin_are_ignored()
    {
        var trace = new RunTrace("run1");
        var events = RunEvents.Story();
        foreach (var e in events.Take(6)) trace.Apply(e);
        foreach (var e in events) trace.Apply(e);

        Assert.Equal(events.Count, trace.Events.Count);
        Assert.Equal("**Because** it is.<script>alert(1)</script>", trace.For("answer")!.Text);
        Assert.Equal(events[^1].Sequence, trace.LastSequence);
    }

    [Fact]
    public void A_failed_or_cancelled_run_says_why_and_an_unfinished_stream_ends_with_a_reason()
    {
        var failed = new RunTrace("a");
        failed.Apply(new NodeFailed("timeout", "The model took too long.") { RunId = "a", Sequence = 1, NodeId = "answer", Attempts = 3 });
        failed.Apply(new RunFailed("node_failed", "Step 'answer' failed.") { RunId = "a", Sequence = 2 });
        var cancelled = new RunTrace("b");
        cancelled.Apply(new RunCancelled("Cancelled by a client.") { RunId = "b", Sequence = 1 });
        var interrupted = new RunTrace("c");
        interrupted.End("The run stopped without finishing.");

        Assert.Equal((NodeRunStatus.Failed, 3), (failed.For("answer")!.Status, failed.For("answer")!.Attempts));
        Assert.Equal((RunTraceStatus.Failed, "Step 'answer' failed. (node_failed)"), (failed.Status, failed.Problem));
        Assert.Equal((RunTraceStatus.Cancelled, "Cancelled by a client."), (cancelled.Status, cancelled.Problem));
        Assert.Equal(RunTraceStatus.Ended, interrupted.Status);
        interrupted.End("later");
        Assert.Equal("The run stopped without finishing.", interrupted.Problem);
    }
}
