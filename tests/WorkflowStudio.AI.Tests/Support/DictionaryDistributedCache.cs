using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;

namespace WorkflowStudio.AI.Tests.Support;

/// <summary>
/// A second level for <c>HybridCache</c> that outlives a service provider, as the studio's SQLite table does.
/// HybridCache ignores <c>MemoryDistributedCache</c> (it would only repeat its own memory level), so tests bring this one.
/// </summary>
public sealed class DictionaryDistributedCache : IDistributedCache
{
    private readonly ConcurrentDictionary<string, byte[]> _values = new(StringComparer.Ordinal);

    /// <summary>The keys read, in order, so a test can count the reads that reached the second level.</summary>
    public ConcurrentQueue<string> Reads { get; } = new();

    /// <summary>The keys written and the size of each value, in order.</summary>
    public ConcurrentQueue<(string Key, int Bytes)> Writes { get; } = new();

    public byte[]? Get(string key)
    {
        Reads.Enqueue(key);
        return _values.GetValueOrDefault(key);
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Get(key));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        Writes.Enqueue((key, value.Length));
        _values[key] = value;
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Set(key, value, options);
        return Task.CompletedTask;
    }

    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => _values.TryRemove(key, out _);

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }
}
