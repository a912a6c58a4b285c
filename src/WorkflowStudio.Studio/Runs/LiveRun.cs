using System.Threading.Channels;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Studio.Runs;

/// <summary>
/// A run in progress in this process: every event so far, and the followers to pass new ones to. Handing a new
/// follower the backlog and adding it to the followers happen under one lock with publishing, so nobody misses or
/// repeats an event. Each follower has a bounded channel: one that falls behind is dropped with a
/// <see cref="RunFollowerFellBehindException"/> rather than holding up the run or growing without limit.
/// </summary>
internal sealed class LiveRun(string runId, string startedBy, int followerCapacity)
{
    private readonly Lock _gate = new();
    private readonly List<RunEvent> _events = [];
    private readonly List<Channel<RunEvent>> _followers = [];
    private bool _completed;

    public string RunId { get; } = runId;
    public string StartedBy { get; } = startedBy;
    public CancellationTokenSource Cancellation { get; } = new();
    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Publish(RunEvent runEvent)
    {
        lock (_gate)
        {
            _events.Add(runEvent);
            for (var i = _followers.Count - 1; i >= 0; i--)
            {
                if (_followers[i].Writer.TryWrite(runEvent)) continue;
                // The follower still reads what its channel holds, then this error; it rejoins after its last event.
                _followers[i].Writer.TryComplete(new RunFollowerFellBehindException(RunId));
                _followers.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// The events after <paramref name="afterSequence"/> so far, and a reader of the live ones after them; null once
    /// the run is over. The backlog is a snapshot rather than channel content so a late joiner fits in any capacity.
    /// </summary>
    public LiveFollow? Follow(long afterSequence)
    {
        lock (_gate)
        {
            if (_completed) return null;
            var channel = Channel.CreateBounded<RunEvent>(new BoundedChannelOptions(followerCapacity) { SingleReader = true, SingleWriter = true });
            var first = _events.FindIndex(e => e.Sequence > afterSequence);
            var backlog = first < 0 ? [] : _events[first..];
            _followers.Add(channel);
            return new LiveFollow(backlog, channel.Reader);
        }
    }

    public void Unfollow(ChannelReader<RunEvent> reader)
    {
        lock (_gate) _followers.RemoveAll(c => c.Reader == reader);
    }

    /// <summary>Called once the events are stored: followers finish, and later ones read the database instead.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var follower in _followers) follower.Writer.TryComplete();
            _followers.Clear();
        }
    }
}

internal sealed record LiveFollow(IReadOnlyList<RunEvent> Backlog, ChannelReader<RunEvent> Live);
