namespace WorkflowStudio.AI.Tests.Support;

/// <summary>
/// A loopback server and a <see cref="Studio"/> whose provider points at it, shared by the tests of one
/// class (they run one after another), so MiniLM loads and the sample indexes build once per class.
/// </summary>
public sealed class ProviderStudio : IAsyncLifetime
{
    public ProviderStudio() => Studio = new Studio(ProviderSettings.For(Server));

    public LoopbackServer Server { get; } = new();

    public Studio Studio { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Studio.Dispose();
        await Server.DisposeAsync();
    }
}
