using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Data.Runs;

/// <summary>
/// Takes events on the runner's thread without waiting and stores them on one background loop, in batches of
/// whatever has queued up while the previous batch was being written: one transaction per batch, no added delay.
/// </summary>
public sealed class SqliteRunEventSink : IRunEventSink, IAsyncDisposable
{
    public const int MaxBatch = 1_000;

    private readonly IRunStore _store;
    private readonly ILogger<SqliteRunEventSink> _log;
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private long _stored;
    private long _batches;
    private long _failed;

    public SqliteRunEventSink(IRunStore store, ILogger<SqliteRunEventSink> log)
    {
        _store = store;
        _log = log;
        _loop = Task.Run(LoopAsync);
    }

    public long StoredEvents => Interlocked.Read(ref _stored);
    public long Batches => Interlocked.Read(ref _batches);
    public long FailedEvents => Interlocked.Read(ref _failed);

    public void Write(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        if (!_queue.Writer.TryWrite(runEvent))
            throw new InvalidOperationException("The run event sink has shut down; no more events can be stored.");
    }

    public Task FlushAsync(CancellationToken ct = default)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(flushed)) return _loop.WaitAsync(ct);
        return flushed.Task.WaitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task LoopAsync()
    {
        var batch = new List<RunEvent>(MaxBatch);
        var flushes = new List<TaskCompletionSource>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                if (item is RunEvent e) batch.Add(e);
                else flushes.Add((TaskCompletionSource)item);
            }
            if (batch.Count > 0) await StoreAsync(batch);
            // A flush waits for the events queued before it; the batch may hold later ones too, which is fine.
            foreach (var flush in flushes) flush.TrySetResult();
            batch.Clear();
            flushes.Clear();
        }
    }

    private async Task StoreAsync(List<RunEvent> batch)
    {
        try
        {
            await _store.AppendEventsAsync(batch);
            Interlocked.Add(ref _stored, batch.Count);
            Interlocked.Increment(ref _batches);
            return;
        }
        catch (Exception e) when (batch.Select(x => x.RunId).Distinct().Skip(1).Any())
        {
            _log.LogWarning(e, "Storing a batch of {Count} run events failed; storing each run's events on its own", batch.Count);
        }
        catch (Exception e)
        {
            Fail(e, batch);
            return;
        }

        // One bad run (say, deleted while running) must not cost the other runs their events.
        foreach (var group in batch.GroupBy(x => x.RunId))
        {
            var events = group.ToList();
            try
            {
                await _store.AppendEventsAsync(events);
                Interlocked.Add(ref _stored, events.Count);
                Interlocked.Increment(ref _batches);
            }
            catch (Exception e)
            {
                Fail(e, events);
            }
        }
    }

    private void Fail(Exception e, List<RunEvent> events)
    {
        Interlocked.Add(ref _failed, events.Count);
        _log.LogError(e, "Could not store {Count} events of run {RunId} (sequences {First}-{Last})",
            events.Count, events[0].RunId, events[0].Sequence, events[^1].Sequence);
    }
}
