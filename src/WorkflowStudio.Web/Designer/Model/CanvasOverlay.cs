using WorkflowStudio.Studio.Versions.Diff;

namespace WorkflowStudio.Web.Designer.Model;

/// <summary>
/// What the canvas draws over the steps for this circuit: the run being watched, or a diff between two versions.
/// A streaming run changes many times a second, so <see cref="Changed"/> is raised at most once per
/// <see cref="RefreshInterval"/>; whoever listens reads the latest state then.
/// </summary>
public sealed class CanvasOverlay : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(100);

    private int _pending;

    public RunTrace? Run { get; private set; }
    public WorkflowDiff? Diff { get; private set; }

    public event Action? Changed;

    public void ShowRun(RunTrace? run)
    {
        if (Run is not null) Run.Changed -= OnRunChanged;
        Run = run;
        Diff = null;
        if (run is not null) run.Changed += OnRunChanged;
        Changed?.Invoke();
    }

    public void ShowDiff(WorkflowDiff? diff)
    {
        if (diff is not null) ShowRun(null);
        Diff = diff;
        Changed?.Invoke();
    }

    private void OnRunChanged()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1) return;
        _ = RaiseLaterAsync();
    }

    private async Task RaiseLaterAsync()
    {
        await Task.Delay(RefreshInterval);
        Volatile.Write(ref _pending, 0);
        Changed?.Invoke();
    }

    public void Dispose()
    {
        if (Run is not null) Run.Changed -= OnRunChanged;
        Changed = null;
    }
}
