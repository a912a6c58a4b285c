using Microsoft.AspNetCore.Components;

namespace WorkflowStudio.Web.Components;

/// <summary>
/// A component whose storage and model calls stop when it leaves the page: they take <see cref="Gone"/>, cancelled on
/// dispose, so a closed comparison does not keep a judge or a query running for nobody.
/// </summary>
public abstract class CancelOnDisposeComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _gone = new();

    // Kept apart from the source: a catch filter may still read it after the source is disposed.
    protected CancellationToken Gone { get; }

    protected CancelOnDisposeComponent() => Gone = _gone.Token;

    public void Dispose()
    {
        _gone.Cancel();
        _gone.Dispose();
    }
}
