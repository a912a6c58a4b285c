using Microsoft.Extensions.Hosting;

namespace WorkflowStudio.Data.Storage;

/// <summary>Prepares the database while the host starts, so the first request never pays for migrations.</summary>
internal sealed class StudioDataStartup(StudioDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.EnsureReadyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
