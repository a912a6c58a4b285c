using Microsoft.Extensions.Logging;

namespace WorkflowStudio.Studio.Knowledge;

/// <summary>
/// Runs indexing jobs one at a time in the background (embedding takes every core it gets), and keeps the recent
/// ones so a page opened later still shows how they ended.
/// </summary>
public sealed class KnowledgeJobs(ILogger<KnowledgeJobs> logger) : IDisposable
{
    private const int Kept = 20;

    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly Lock _gate = new();
    private readonly List<IndexingJob> _jobs = [];

    /// <summary>Raised when a job is queued, moves or ends.</summary>
    public event Action<IndexingJob>? Changed;

    public IReadOnlyList<IndexingJob> Recent(string knowledgeBase)
    {
        lock (_gate) return [.. _jobs.Where(j => j.KnowledgeBase.Equals(knowledgeBase, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>Stops every unfinished job of a base (it is being deleted).</summary>
    public void CancelAll(string knowledgeBase)
    {
        foreach (var job in Recent(knowledgeBase).Where(j => !j.Progress.Finished)) job.Cancel();
    }

    internal IndexingJob Start(IndexingJob job, Func<IndexingJob, Task> work)
    {
        lock (_gate)
        {
            _jobs.Insert(0, job);
            // Finished jobs beyond the newest few are forgotten; unfinished ones never are.
            for (var i = _jobs.Count - 1; i >= Kept; i--) if (_jobs[i].Progress.Finished) _jobs.RemoveAt(i);
        }
        job.Changed += Raise;
        Raise(job);
        _ = Task.Run(() => RunAsync(job, work));
        return job;
    }

    private async Task RunAsync(IndexingJob job, Func<IndexingJob, Task> work)
    {
        try
        {
            await _one.WaitAsync(job.Token);
            try
            {
                job.Update(p => p with { State = IndexingState.Running });
                await work(job);
                job.Update(p => p with { State = job.Token.IsCancellationRequested ? IndexingState.Cancelled : IndexingState.Completed, Current = null });
            }
            finally
            {
                _one.Release();
            }
        }
        catch (OperationCanceledException) when (job.Token.IsCancellationRequested)
        {
            job.Update(p => p with { State = IndexingState.Cancelled, Current = null });
        }
        catch (Exception e)
        {
            logger.LogError(e, "Indexing {Title} of knowledge base {Name} failed", job.Title, job.KnowledgeBase);
            job.Update(p => p with { State = IndexingState.Failed, Current = null, Error = e.Message });
        }
    }

    private void Raise(IndexingJob job) => Changed?.Invoke(job);

    public void Dispose() => _one.Dispose();
}
