using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Data.Runs;

/// <summary>
/// Takes events on the runner's thread without waiting and stores them on one background loop, in batches of
/// whatever has queued up while the previous batch was being written: one transaction per batch, no added delay.
/// New runs go through the same loop, so runs started at once share one write and the loop is the only writer on
/// the run path: separate writers would queue for SQLite's single write lock, and its busy handler sleeps. Other
/// stores' writes on the same occasions (an evaluation's results) run on the loop too, after the batch they came with.
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

    public Task CreateRunAsync(NewRun run, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var pending = new PendingRun(run, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
            throw new InvalidOperationException("The run event sink has shut down; no more runs can be stored.");
        return pending.Stored.Task.WaitAsync(ct);
    }

    public Task WriteAlongAsync(Func<Task> write, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var pending = new PendingWrite(write, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
            throw new InvalidOperationException("The run event sink has shut down; no more writes can be made through it.");
        return pending.Done.Task.WaitAsync(ct);
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
        var runs = new List<PendingRun>();
        var batch = new List<RunEvent>(MaxBatch);
        var writes = new List<PendingWrite>();
        var flushes = new List<TaskCompletionSource>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (runs.Count + batch.Count + writes.Count < MaxBatch && reader.TryRead(out var item))
            {
                switch (item)
                {
                    case RunEvent e: batch.Add(e); break;
                    case PendingRun run: runs.Add(run); break;
                    case PendingWrite write: writes.Add(write); break;
                    default: flushes.Add((TaskCompletionSource)item); break;
                }
            }
            // A run's events are written only after its start completed, so the runs of a batch go in before its events.
            if (runs.Count + batch.Count > 0) await StoreAsync(runs, batch);
            foreach (var write in writes) await RunAsync(write);
            // A flush waits for the events queued before it; the batch may hold later ones too, which is fine.
            foreach (var flush in flushes) flush.TrySetResult();
            runs.Clear();
            batch.Clear();
            writes.Clear();
            flushes.Clear();
        }
    }

    private async Task StoreAsync(List<PendingRun> runs, List<RunEvent> batch)
    {
        try
        {
            await _store.AppendAsync([.. runs.Select(r => r.Run)], batch);
            foreach (var run in runs) run.Stored.TrySetResult();
            Stored(batch.Count);
            return;
        }
        catch (Exception e) when (runs.Count + batch.Select(x => x.RunId).Distinct().Count() > 1)
        {
            _log.LogWarning(e, "Storing a batch of {Runs} new runs and {Count} run events failed; storing each run on its own", runs.Count, batch.Count);
        }
        catch (Exception e)
        {
            foreach (var run in runs) run.Stored.TrySetException(e);
            if (batch.Count > 0) Fail(e, batch);
            return;
        }

        // One bad run (say, deleted while running) must not cost the other runs their events, nor a new run its start;
        // alone, a new run gets the store's own sentence for what is wrong with it.
        foreach (var run in runs)
        {
            try
            {
                await _store.CreateRunAsync(run.Run);
                run.Stored.TrySetResult();
            }
            catch (Exception e)
            {
                run.Stored.TrySetException(e);
            }
        }
        foreach (var group in batch.GroupBy(x => x.RunId))
        {
            var events = group.ToList();
            try
            {
                await _store.AppendEventsAsync(events);
                Stored(events.Count);
            }
            catch (Exception e)
            {
                Fail(e, events);
            }
        }
    }

    private static async Task RunAsync(PendingWrite write)
    {
        try
        {
            await write.Write();
            write.Done.TrySetResult();
        }
        catch (Exception e)
        {
            write.Done.TrySetException(e);
        }
    }

    private void Stored(int events)
    {
        Interlocked.Add(ref _stored, events);
        Interlocked.Increment(ref _batches);
    }

    private void Fail(Exception e, List<RunEvent> events)
    {
        Interlocked.Add(ref _failed, events.Count);
        _log.LogError(e, "Could not store {Count} events of run {RunId} (sequences {First}-{Last})",
            events.Count, events[0].RunId, events[0].Sequence, events[^1].Sequence);
    }

    private sealed record PendingRun(NewRun Run, TaskCompletionSource Stored);

    private sealed record PendingWrite(Func<Task> Write, TaskCompletionSource Done);
}
