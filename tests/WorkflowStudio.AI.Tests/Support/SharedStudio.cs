namespace WorkflowStudio.AI.Tests.Support;

/// <summary>A <see cref="Studio"/> with default settings, shared by the tests of one class so MiniLM loads once per class, not once per test.</summary>
public sealed class SharedStudio : IDisposable
{
    public Studio Studio { get; } = new();

    public void Dispose() => Studio.Dispose();
}
