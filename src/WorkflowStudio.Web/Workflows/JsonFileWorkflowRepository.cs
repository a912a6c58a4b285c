using System.Collections.Concurrent;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Web.Hosting;

namespace WorkflowStudio.Web.Workflows;

/// <summary>
/// Interim store: one workflow JSON file per workflow under {data}/workflows, cached in memory.
/// It stands in until the SQLite versions store takes over behind the same interface.
/// </summary>
public sealed class JsonFileWorkflowRepository : IWorkflowRepository
{
    private readonly string _directory;
    private readonly ILogger<JsonFileWorkflowRepository> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, (Workflow Workflow, DateTimeOffset SavedAt)> _cache = new(StringComparer.Ordinal);
    private bool _loaded;

    public JsonFileWorkflowRepository(StudioPaths paths, ILogger<JsonFileWorkflowRepository> logger)
    {
        _directory = Path.Combine(paths.DataDirectory, "workflows");
        _logger = logger;
    }

    public async Task<IReadOnlyList<WorkflowSummary>> ListAsync(CancellationToken ct = default)
    {
        await EnsureLoadedAsync(ct);
        return [.. _cache.Values
            .Select(e => new WorkflowSummary(e.Workflow.Id, e.Workflow.Name, e.Workflow.Description, e.Workflow.Nodes.Count, e.SavedAt))
            .OrderByDescending(s => s.SavedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    public async Task<Workflow?> GetAsync(string id, CancellationToken ct = default)
    {
        await EnsureLoadedAsync(ct);
        return _cache.TryGetValue(id, out var entry) ? entry.Workflow : null;
    }

    public async Task SaveAsync(Workflow workflow, CancellationToken ct = default)
    {
        WorkflowIds.EnsureValid(workflow.Id);
        await EnsureLoadedAsync(ct);
        await _gate.WaitAsync(ct);
        try
        {
            Directory.CreateDirectory(_directory);
            var path = PathFor(workflow.Id);
            // Write then rename, so a crash never leaves half a file behind.
            var temp = path + ".tmp";
            await File.WriteAllTextAsync(temp, WorkflowJson.Serialize(workflow), ct);
            File.Move(temp, path, overwrite: true);
            _cache[workflow.Id] = (workflow, DateTimeOffset.UtcNow);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken ct = default)
    {
        await EnsureLoadedAsync(ct);
        await _gate.WaitAsync(ct);
        try
        {
            if (!_cache.TryRemove(id, out _)) return false;
            File.Delete(PathFor(id));
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private string PathFor(string id) => Path.Combine(_directory, id + ".json");

    private async Task EnsureLoadedAsync(CancellationToken ct)
    {
        if (_loaded) return;
        await _gate.WaitAsync(ct);
        try
        {
            if (_loaded) return;
            if (Directory.Exists(_directory))
                foreach (var file in Directory.EnumerateFiles(_directory, "*.json"))
                {
                    var text = await File.ReadAllTextAsync(file, ct);
                    if (WorkflowJson.TryDeserialize(text, out var workflow, out var error))
                        _cache[workflow!.Id] = (workflow, File.GetLastWriteTimeUtc(file));
                    else
                        _logger.LogWarning("Skipping unreadable workflow file {File}: {Problem}", file, error!.ToString());
                }
            _loaded = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
