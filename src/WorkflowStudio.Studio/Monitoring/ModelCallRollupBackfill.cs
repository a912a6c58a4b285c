using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Data.Monitoring;

namespace WorkflowStudio.Studio.Monitoring;

/// <summary>
/// Adds the model calls stored before rollups existed to them, once, in the background after start. Until it is done
/// the Monitoring queries read raw calls, so no figure is ever short; a stop or crash midway resumes at the next start.
/// </summary>
public sealed class ModelCallRollupBackfill(IModelCallStore calls, ILogger<ModelCallRollupBackfill> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var added = await calls.BackfillRollupsAsync(stoppingToken);
            if (added > 0) log.LogInformation("Added {Count} earlier model calls to the monitoring rollups", added);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Could not add earlier model calls to the monitoring rollups; the Monitoring page reads raw calls until they are");
        }
    }
}
