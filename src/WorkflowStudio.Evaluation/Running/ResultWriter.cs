using System.Threading.Channels;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>
/// Takes results from the case workers without waiting and stores them in batches of whatever queued up while the
/// previous batch was stored. The batches are written on the run sink's loop, which writes the cases' runs and events
/// to the same file: one writer, so no one waits on SQLite's write lock. A result is dropped from memory once its batch is stored.
/// </summary>
internal sealed class ResultWriter
{
    private readonly IEvaluationStore _store;
    private readonly IRunEventSink _sink;
    private readonly int _maxBatch;
    private readonly Channel<CaseResult> _queue = Channel.CreateUnbounded<CaseResult>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public ResultWriter(IEvaluationStore store, IRunEventSink sink, int maxBatch)
    {
        _store = store;
        _sink = sink;
        _maxBatch = maxBatch;
        _loop = Task.Run(LoopAsync);
    }

    public void Write(CaseResult result)
    {
        if (!_queue.Writer.TryWrite(result)) throw new InvalidOperationException("Storing results failed earlier; see the evaluation's error.", _loop.Exception);
    }

    /// <summary>Stores what is queued and ends; throws what storing threw.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        var batch = new List<CaseResult>(_maxBatch);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < _maxBatch && reader.TryRead(out var result)) batch.Add(result);
                await _sink.WriteAlongAsync(() => _store.AppendResultsAsync(batch)).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (Exception e)
        {
            _queue.Writer.TryComplete(e);
            throw;
        }
    }
}
