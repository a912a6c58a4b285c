namespace WorkflowStudio.Studio.Knowledge;

public enum IndexingState { Waiting, Running, Completed, Cancelled, Failed }

/// <summary>A document the job could not add, and why.</summary>
public sealed record DocumentProblem(string Document, string Reason);

/// <summary>
/// Where a job is: passages embedded of the total (known once every document is read), the document at hand, the
/// documents stored, and those refused or, after a cancel, left out.
/// </summary>
public sealed record IndexingProgress(IndexingState State, int PassagesDone, int PassagesTotal, string? Current,
    IReadOnlyList<string> Stored, IReadOnlyList<DocumentProblem> Problems, string? Error)
{
    public double Fraction => State == IndexingState.Completed ? 1 : PassagesTotal == 0 ? 0 : (double)PassagesDone / PassagesTotal;

    public bool Finished => State is IndexingState.Completed or IndexingState.Cancelled or IndexingState.Failed;
}

/// <summary>Background indexing of one base (adding documents or re-indexing), followed by the page and awaited by the CLI.</summary>
public sealed class IndexingJob
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource<IndexingProgress> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private IndexingProgress _progress = new(IndexingState.Waiting, 0, 0, null, [], [], null);

    internal IndexingJob(string knowledgeBase, string title, IReadOnlyList<DocumentProblem> refused)
    {
        KnowledgeBase = knowledgeBase;
        Title = title;
        _progress = _progress with { Problems = refused };
    }

    public string Id { get; } = Guid.NewGuid().ToString("N")[..12];

    public string KnowledgeBase { get; }

    public string Title { get; }

    public IndexingProgress Progress
    {
        get { lock (_gate) return _progress; }
    }

    /// <summary>Completes with the final progress when the job ends, however it ends.</summary>
    public Task<IndexingProgress> Completion => _done.Task;

    /// <summary>Raised on the indexing thread after each batch of passages and when the job ends.</summary>
    public event Action<IndexingJob>? Changed;

    internal CancellationToken Token => _cancel.Token;

    /// <summary>Stops after the batch at hand; documents already stored stay, the one in progress is not stored.</summary>
    public void Cancel() => _cancel.Cancel();

    internal void Update(Func<IndexingProgress, IndexingProgress> change)
    {
        IndexingProgress now;
        lock (_gate) now = _progress = change(_progress);
        Changed?.Invoke(this);
        if (now.Finished) _done.TrySetResult(now);
    }
}
