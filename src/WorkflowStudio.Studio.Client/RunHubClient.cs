using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Studio.Client;

/// <summary>
/// A .NET client of the studio's run hub (<see cref="RunHubContract.Path"/>) for other apps, benchmarks and tests. It reconnects on its own and
/// <see cref="FollowAsync"/> re-joins from the last sequence number it delivered, so a dropped connection shows up
/// as a pause, never as a gap or a repeat; so does being dropped by the server for reading too slowly.
/// </summary>
public sealed class RunHubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private TaskCompletionSource _stateChanged = NewSignal();

    public RunHubClient(Uri hubUrl, Action<IHubConnectionBuilder>? configure = null)
    {
        var builder = new HubConnectionBuilder().WithUrl(hubUrl).WithAutomaticReconnect(new KeepTrying());
        configure?.Invoke(builder);
        _connection = builder.Build();
        _connection.Reconnecting += _ => Signal();
        _connection.Reconnected += _ => Signal();
        _connection.Closed += _ => Signal();
    }

    public HubConnectionState State => _connection.State;

    /// <summary>Raised after each automatic reconnection, with the new connection id.</summary>
    public event Func<string?, Task> Reconnected
    {
        add => _connection.Reconnected += value;
        remove => _connection.Reconnected -= value;
    }

    public Task ConnectAsync(CancellationToken ct = default) => _connection.StartAsync(ct);

    public Task<StartedRunMessage> StartRunAsync(StartRunMessage request, CancellationToken ct = default) =>
        _connection.InvokeAsync<StartedRunMessage>(RunHubContract.StartRun, request, ct);

    public Task<bool> CancelAsync(string runId, CancellationToken ct = default) =>
        _connection.InvokeAsync<bool>(RunHubContract.Cancel, runId, ct);

    /// <summary>
    /// The run's events after <paramref name="afterSequence"/> until it ends, across reconnections. The enumeration
    /// finishes when the hub closes the stream, which it does only once the run is stored, so a caller that asks
    /// for the run right after sees its final state rather than "running".
    /// Errors the hub reports (an unknown run) surface as <see cref="HubException"/>.
    /// </summary>
    public async IAsyncEnumerable<RunEvent> FollowAsync(string runId, long afterSequence = 0, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var last = afterSequence;
        while (true)
        {
            await WaitUntilConnectedAsync(ct);
            await using var events = _connection.StreamAsync<RunEventMessage>(RunHubContract.Join, runId, last, ct).GetAsyncEnumerator(ct);
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNextAsync();
                }
                catch (Exception e) when ((e is not HubException || e.Message.Contains(RunHubContract.FellBehind, StringComparison.Ordinal)) && !ct.IsCancellationRequested)
                {
                    // The connection dropped under the stream, or the server dropped this slow reader; join again from `last`.
                    break;
                }
                if (!more)
                {
                    // A stream that ends while connected is the end of the run (an interrupted run has no terminal event).
                    if (_connection.State == HubConnectionState.Connected) yield break;
                    break;
                }
                var runEvent = events.Current.Event;
                if (runEvent.Sequence <= last) continue;
                last = runEvent.Sequence;
                yield return runEvent;
            }
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task WaitUntilConnectedAsync(CancellationToken ct)
    {
        while (true)
        {
            var changed = Volatile.Read(ref _stateChanged);
            switch (_connection.State)
            {
                case HubConnectionState.Connected:
                    return;
                case HubConnectionState.Disconnected:
                    throw new InvalidOperationException("The connection to the run hub is closed; connect first, or it could not reconnect.");
            }
            await changed.Task.WaitAsync(ct);
        }
    }

    private Task Signal()
    {
        Interlocked.Exchange(ref _stateChanged, NewSignal()).TrySetResult();
        return Task.CompletedTask;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A run can outlast a network blip of any length; back off to every five seconds and keep going.</summary>
    private sealed class KeepTrying : IRetryPolicy
    {
        private static readonly TimeSpan[] Delays = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.PreviousRetryCount < Delays.Length ? Delays[retryContext.PreviousRetryCount] : TimeSpan.FromSeconds(5);
    }
}
