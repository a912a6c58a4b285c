namespace WorkflowStudio.Web.Tests.Runs;

/// <summary>
/// Backs the "hold" tool of the test workflow: a run reaching it reports so and waits for the test to let it go,
/// which puts a run reliably in the middle without any timing guesses.
/// </summary>
public sealed class HoldGate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    public async Task PassAsync(CancellationToken ct)
    {
        _reached.TrySetResult();
        await _released.Task.WaitAsync(ct);
    }
}
