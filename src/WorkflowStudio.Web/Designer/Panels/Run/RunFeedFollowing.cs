using WorkflowStudio.Data;
using WorkflowStudio.Studio.Runs;
using WorkflowStudio.Web.Designer.Model;

namespace WorkflowStudio.Web.Designer.Panels.Run;

/// <summary>The run panel follows runs in-process, through the same <see cref="IRunFeed"/> the hub adapts for other apps.</summary>
public static class RunFeedFollowing
{
    /// <summary>
    /// Feeds <paramref name="trace"/> the run's events after those it holds until the feed ends, which is after the run's
    /// last event is stored, so the history read next already shows the run finished.
    /// </summary>
    public static async Task FollowIntoAsync(this IRunFeed feed, RunTrace trace, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                try
                {
                    await foreach (var e in feed.FollowAsync(trace.RunId, trace.LastSequence, ct)) trace.Apply(e);
                    break;
                }
                catch (RunFollowerFellBehindException)
                {
                    // Dropped for reading too slowly: carry on after the last event the trace holds.
                }
            }
            if (!trace.IsFinished) trace.End("The run stopped without finishing; the studio may have restarted while it ran.");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The viewer moved on; the run itself carries on.
        }
        catch (StoreException e)
        {
            trace.End($"The run could not be followed: {e.Message}");
        }
    }
}
