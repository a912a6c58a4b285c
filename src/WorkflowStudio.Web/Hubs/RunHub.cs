using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using WorkflowStudio.Data;
using WorkflowStudio.Studio.Client;
using WorkflowStudio.Studio.Runs;
using WorkflowStudio.Studio.Security;
using WorkflowStudio.Web.Security;

namespace WorkflowStudio.Web.Hubs;

/// <summary>
/// Runs over SignalR at <see cref="RunHubContract.Path"/>, an adapter over <see cref="IRunFeed"/> for other apps.
/// <c>Join</c> is a server-to-client stream: it sends the events after the given sequence number (from memory or the
/// database) and then the live ones, in order. A client that drops calls <c>Join</c> again with the last sequence it saw
/// and carries on, with no gap and no duplicate. A client too slow to keep up gets a stream error containing
/// <see cref="RunHubContract.FellBehind"/>; it rejoins the same way.
/// </summary>
public sealed class RunHub(IRunFeed feed) : Hub
{
    public async Task<StartedRunMessage> StartRun(StartRunMessage request)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.WorkflowId)) throw new HubException("StartRun needs a request with a workflow id and inputs.");
        // The hub endpoint requires a signed-in user, so there is always one to name and to count against the run limits.
        var who = StudioUser.From(Context.User!);
        try
        {
            var started = await feed.StartAsync(new RunRequest(request.WorkflowId, request.Inputs, request.Version, request.Tag), who.Name, Context.ConnectionAborted, who.Role);
            return new StartedRunMessage(started.RunId, started.WorkflowId, started.VersionNumber);
        }
        catch (StoreException e)
        {
            throw new HubException(e.Message);
        }
    }

    public async IAsyncEnumerable<RunEventMessage> Join(string runId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(runId)) throw new HubException("Say which run to join.");
        if (afterSequence < 0) throw new HubException("afterSequence cannot be negative; use 0 for the whole run.");
        await using var events = feed.FollowAsync(runId, afterSequence, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var last = afterSequence;
        while (true)
        {
            try
            {
                if (!await events.MoveNextAsync()) yield break;
            }
            catch (StoreException e)
            {
                throw new HubException(e.Message);
            }
            catch (RunFollowerFellBehindException)
            {
                throw new HubException($"{RunHubContract.FellBehind}; rejoin from sequence {last}.");
            }
            last = events.Current.Sequence;
            yield return new RunEventMessage(events.Current);
        }
    }

    public bool Cancel(string runId)
    {
        try
        {
            WorkflowPermissions.EnsureMayCancel(StudioUser.From(Context.User!).Role);
        }
        catch (StoreException e)
        {
            throw new HubException(e.Message);
        }
        return feed.Cancel(runId);
    }
}
