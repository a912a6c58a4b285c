using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.AI.Models;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Studio.Monitoring;

/// <summary>
/// Takes each model call from the gateway without waiting (a bounded queue: when it is full the call is counted as
/// dropped, never waited for) and stores them in batches on one background loop. A storage failure is logged and
/// costs those records, never a run. Prompt and answer text are kept only for tags that opted in.
/// </summary>
public sealed class ModelCallRecorder : IModelCallObserver, IAsyncDisposable, IDisposable
{
    public const int MaxBatch = 500;

    private readonly IModelCallStore _store;
    private readonly IRunEventSink _sink;
    private readonly ILogger<ModelCallRecorder> _log;
    private readonly Channel<object> _queue;
    private readonly Task _loop;
    private readonly Dictionary<(string, string), bool> _recordText = [];
    private long _recorded;
    private long _dropped;
    private long _failed;

    public ModelCallRecorder(IModelCallStore store, IRunEventSink sink, IOptions<MonitoringOptions> options, ILogger<ModelCallRecorder> log)
    {
        _store = store;
        _sink = sink;
        _log = log;
        _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(LoopAsync);
    }

    public long Recorded => Interlocked.Read(ref _recorded);
    public long Dropped => Interlocked.Read(ref _dropped);
    public long Failed => Interlocked.Read(ref _failed);

    public void Observe(ModelCallObservation call)
    {
        if (!_queue.Writer.TryWrite(call)) Interlocked.Increment(ref _dropped);
    }

    /// <summary>Waits until every call observed before now is stored (or has failed to be).</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            // A full queue still takes the flush: it waits for room rather than being dropped like a call.
            await _queue.Writer.WriteAsync(flushed, ct);
        }
        catch (ChannelClosedException)
        {
            await _loop.WaitAsync(ct);
            return;
        }
        await flushed.Task.WaitAsync(ct);
    }

    /// <summary>Forgets the cached opt-in of a tag after its setting changed.</summary>
    internal void TagSettingsChanged(string workflowId, string tag)
    {
        lock (_recordText) _recordText.Remove((workflowId, tag));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    // Hosts that dispose synchronously still get every queued call stored.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task LoopAsync()
    {
        var batch = new List<ModelCallObservation>(MaxBatch);
        var flushes = new List<TaskCompletionSource>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                if (item is ModelCallObservation call) batch.Add(call);
                else flushes.Add((TaskCompletionSource)item);
            }
            if (batch.Count > 0) await StoreAsync(batch);
            foreach (var flush in flushes) flush.TrySetResult();
            batch.Clear();
            flushes.Clear();
        }
    }

    private async Task StoreAsync(List<ModelCallObservation> batch)
    {
        try
        {
            var records = new List<ModelCallRecord>(batch.Count);
            foreach (var call in batch) records.Add(await ToRecordAsync(call));
            // On the run sink's loop, so the file keeps one writer: beside it, each batch queued for SQLite's write lock,
            // whose busy handler sleeps, and held the runs' events back (a loopback evaluation's cases waited on it).
            await _sink.WriteAlongAsync(() => _store.AppendAsync(records));
            Interlocked.Add(ref _recorded, batch.Count);
        }
        catch (Exception e)
        {
            Interlocked.Add(ref _failed, batch.Count);
            _log.LogError(e, "Could not store {Count} model-call records", batch.Count);
        }
    }

    private async Task<ModelCallRecord> ToRecordAsync(ModelCallObservation call)
    {
        var scope = call.Scope;
        var keepText = scope is { Tag: { } tag } && await RecordsTextAsync(scope.WorkflowId, tag);
        return new ModelCallRecord(0, call.StartedAt, scope?.WorkflowId, scope?.Version, scope?.Tag, scope?.RunId, scope?.StepId,
            scope?.Iteration ?? 0, call.Model, call.Purpose.ToString(), call.InputTokens, call.OutputTokens, call.Cost, call.Latency,
            call.TimeToFirstToken, call.CacheHit, call.Attempts, call.ErrorCode, call.Error,
            keepText ? PromptText(call.Messages) : null, keepText ? call.Answer : null) { FallbackFrom = call.FallbackFrom };
    }

    private async Task<bool> RecordsTextAsync(string workflowId, string tag)
    {
        lock (_recordText)
            if (_recordText.TryGetValue((workflowId, tag), out var known)) return known;
        var keep = await _store.GetRecordTextAsync(workflowId, tag);
        lock (_recordText) _recordText[(workflowId, tag)] = keep;
        return keep;
    }

    private static string PromptText(IReadOnlyList<ChatMessage> messages) =>
        string.Join("\n\n", messages.Select(m => $"[{m.Role.ToString().ToLowerInvariant()}]\n{m.Content}"));
}
