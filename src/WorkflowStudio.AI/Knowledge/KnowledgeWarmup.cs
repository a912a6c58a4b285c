using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkflowStudio.AI.Knowledge;

/// <summary>
/// Loads every knowledge base in the background when the host starts, so the first run after a start does not wait
/// for it. Stored bases come with their vectors, so this loads no embedding model (a knowledge folder imported on the
/// first start is the exception). The offline web corpus is indexed on its first search instead: embedding it at every
/// start would hold the embedding model, more than half of an idle studio's memory, for a tool most runs never call.
/// Its <see cref="Status"/> says how far it got, for the Knowledge page.
/// </summary>
public sealed class KnowledgeWarmup(KnowledgeBaseStore store, ILogger<KnowledgeWarmup> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private WarmupStatus _status = new(WarmupPhase.Waiting, 0, 0, null, []);

    public WarmupStatus Status
    {
        get { lock (_gate) return _status; }
    }

    /// <summary>Raised after every step, on the warm-up's thread.</summary>
    public event Action<WarmupStatus>? Changed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var names = store.Names;
        var total = names.Count;
        var failures = new List<string>();
        Set(new WarmupStatus(WarmupPhase.Running, 0, total, null, failures));
        var done = 0;
        foreach (var name in names)
        {
            Set(new WarmupStatus(WarmupPhase.Running, done, total, name, [.. failures]));
            try
            {
                await store.GetAsync(name, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add($"{name}: {e.Message}");
                logger.LogError(e, "Knowledge base {Name} could not be loaded", name);
            }
            done++;
        }
        Set(new WarmupStatus(failures.Count == 0 ? WarmupPhase.Ready : WarmupPhase.Failed, done, total, null, [.. failures]));
        logger.LogInformation("Knowledge warm-up finished: {Count} indexes loaded, {Failures} failed", done - failures.Count, failures.Count);
    }

    private void Set(WarmupStatus status)
    {
        lock (_gate) _status = status;
        Changed?.Invoke(status);
    }
}

public enum WarmupPhase { Waiting, Running, Ready, Failed }

/// <summary>How far the warm-up got: indexes loaded of the total, the one loading now, and what failed.</summary>
public sealed record WarmupStatus(WarmupPhase Phase, int Done, int Total, string? Current, IReadOnlyList<string> Failures);
