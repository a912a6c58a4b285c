using System.Threading.Channels;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Web.Runs;

/// <summary>
/// A run in progress in this process: every event so far, and the followers to pass new ones to. Handing a new
/// follower the backlog and adding it to the followers happen under one lock with publishing, so nobody misses or
/// repeats an event.
/// </summary>
internal sealed class LiveRun(string runId)
{
    private readonly Lock _gate = new();
    private readonly List<RunEvent> _events = [];
    private readonly List<Channel<RunEvent>> _followers = [];
    private bool _completed;

    public string RunId { get; } = runId;
    public CancellationTokenSource Cancellation { get; } = new();
    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Publish(RunEvent runEvent)
    {
        lock (_gate)
        {
            _events.Add(runEvent);
            foreach (var follower in _followers) follower.Writer.TryWrite(runEvent);
        }
    }

    /// <summary>A reader of the events after <paramref name="afterSequence"/>, then the live ones; null once the run is over.</summary>
    public ChannelReader<RunEvent>? Follow(long afterSequence)
    {
        lock (_gate)
        {
            if (_completed) return null;
            var channel = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            foreach (var e in _events)
                if (e.Sequence > afterSequence) channel.Writer.TryWrite(e);
            _followers.Add(channel);
            return channel.Reader;
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
