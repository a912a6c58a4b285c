using System.Threading.Channels;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>
/// Takes results from the case workers without waiting and stores them in batches of whatever queued up while the
/// previous batch was stored. The batches are written on the run sink's loop, which writes the cases' runs and events
/// to the same file: one writer, so no one waits on SQLite's write lock. A result is stored only once its run's row is
/// (the sink creates the run ahead of the result, so by then it has); a run that could not be created fails the
/// writer. A result is dropped from memory once its batch is stored.
/// </summary>
internal sealed class ResultWriter
{
    private readonly IEvaluationStore _store;
    private readonly IRunEventSink _sink;
    private readonly int _maxBatch;
    private readonly Channel<(CaseResult Result, Task RunCreated)> _queue = Channel.CreateUnbounded<(CaseResult, Task)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public ResultWriter(IEvaluationStore store, IRunEventSink sink, int maxBatch)
    {
        _store = store;
        _sink = sink;
        _maxBatch = maxBatch;
        _loop = Task.Run(LoopAsync);
    }

    /// <param name="runCreated">The creation of the result's run, queued in the sink before the result.</param>
    public void Write(CaseResult result, Task runCreated)
    {
        if (!_queue.Writer.TryWrite((result, runCreated))) throw new InvalidOperationException("Storing results failed earlier; see the evaluation's error.", _loop.Exception);
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
        var runsCreated = new List<Task>(_maxBatch);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < _maxBatch && reader.TryRead(out var item))
                {
                    batch.Add(item.Result);
                    runsCreated.Add(item.RunCreated);
                }
                await _sink.WriteAlongAsync(async () =>
                {
                    await Task.WhenAll(runsCreated).ConfigureAwait(false);
                    await _store.AppendResultsAsync(batch).ConfigureAwait(false);
                }).ConfigureAwait(false);
                batch.Clear();
                runsCreated.Clear();
            }
        }
        catch (Exception e)
        {
            _queue.Writer.TryComplete(e);
            throw;
        }
    }
}
