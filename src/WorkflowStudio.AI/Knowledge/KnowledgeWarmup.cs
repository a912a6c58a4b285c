using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkflowStudio.AI.Knowledge;

/// <summary>Indexes (or reads the stored index of) every knowledge base when the host starts, so the first search is fast.</summary>
public sealed class KnowledgeWarmup(KnowledgeBaseStore store, ILogger<KnowledgeWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var name in store.Names)
        {
            try
            {
                await store.GetAsync(name, stoppingToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                logger.LogError(e, "Knowledge base {Name} could not be indexed", name);
            }
        }
    }
}
