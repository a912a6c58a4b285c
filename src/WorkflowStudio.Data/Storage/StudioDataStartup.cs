using Microsoft.Extensions.Hosting;

namespace WorkflowStudio.Data.Storage;

/// <summary>
/// Prepares the database while the host starts, so the first request never pays for migrations, and marks the runs
/// the studio's previous process left running as interrupted before this one starts any.
/// </summary>
internal sealed class StudioDataStartup(StudioDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.MarkInterruptedRunsAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
