using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using WorkflowStudio.Data;

namespace WorkflowStudio.Web.Runs;

/// <summary>
/// Runs over SignalR at <see cref="Path"/>. <c>Join</c> is a server-to-client stream: it sends the events after the
/// given sequence number (from memory or the database) and then the live ones, in order. A client that drops calls
/// <c>Join</c> again with the last sequence it saw and carries on, with no gap and no duplicate.
/// A client too slow to keep up with a live run gets a stream error containing <see cref="FellBehind"/>; it rejoins the
/// same way. The designer uses this hub like any other client.
/// </summary>
public sealed class RunHub(RunCoordinator coordinator) : Hub
{
    public const string Path = "/hubs/runs";

    /// <summary>Marks the stream error of a client dropped for falling behind, so <see cref="RunHubClient"/> rejoins.</summary>
    public const string FellBehind = "fell behind";

    public async Task<StartedRun> StartRun(StartRunRequest request)
    {
        if (request is null) throw new HubException("StartRun needs a request with a workflow id and inputs.");
        var who = Context.User?.Identity is { IsAuthenticated: true, Name: { } name } ? name
            : string.IsNullOrWhiteSpace(request.StartedBy) ? "anonymous" : request.StartedBy;
        try
        {
            return await coordinator.StartAsync(request, who, Context.ConnectionAborted);
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
        await using var events = coordinator.FollowAsync(runId, afterSequence, cancellationToken).GetAsyncEnumerator(cancellationToken);
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
                throw new HubException($"{FellBehind}; rejoin from sequence {last}.");
            }
            last = events.Current.Sequence;
            yield return new RunEventMessage(events.Current);
        }
    }

    public bool Cancel(string runId) => coordinator.Cancel(runId);
}
