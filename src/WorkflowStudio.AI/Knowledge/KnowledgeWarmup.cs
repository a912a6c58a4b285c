using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowStudio.AI.Tools;

namespace WorkflowStudio.AI.Knowledge;

/// <summary>
/// Loads every knowledge base and the offline web corpus in the background when the host starts, so the first run
/// after a start does not wait for indexing. Its <see cref="Status"/> says how far it got, for the Knowledge page.
/// </summary>
public sealed class KnowledgeWarmup(KnowledgeBaseStore store, IEnumerable<IWebSearchProvider> webSearch, ILogger<KnowledgeWarmup> logger) : BackgroundService
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
        var providers = webSearch.ToList();
        var total = names.Count + providers.Count;
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
        foreach (var provider in providers)
        {
            Set(new WarmupStatus(WarmupPhase.Running, done, total, $"web search ({provider.Name})", [.. failures]));
            try
            {
                // A first search builds the provider's index (the offline corpus); its results are not needed.
                await provider.SearchAsync("warm up", 1, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add($"web search ({provider.Name}): {e.Message}");
                logger.LogError(e, "Web search provider {Name} could not be warmed up", provider.Name);
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
