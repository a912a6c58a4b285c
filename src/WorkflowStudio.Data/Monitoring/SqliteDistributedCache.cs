using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Monitoring;

/// <summary>
/// An <see cref="IDistributedCache"/> over the studio database's ResponseCache table: the persistent second level
/// of the response cache, so answers outlive a restart and are shared by the app and the CLI on the same file.
/// HybridCache writes this level in the background after answering its caller, so closing waits for the operations
/// going and a closed cache misses without opening the file: nothing writes to a database its owner is closing or
/// deleting.
/// </summary>
public sealed class SqliteDistributedCache(StudioDatabase database, TimeProvider time) : IDistributedCache, IAsyncDisposable, IDisposable
{
    // Expired rows are swept now and then on a write rather than by a timer, so an idle studio does no work.
    private const int WritesPerSweep = 500;
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _going;
    private bool _closed;
    private int _writes;

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => WhileOpenAsync(() => ReadAsync(key, token), null);

    private async Task<byte[]?> ReadAsync(string key, CancellationToken token)
    {
        var now = Now;
        await using var db = await database.OpenAsync(token);
        var row = await db.ResponseCache.FirstOrDefaultAsync(c => c.Key == key, token);
        if (row is null) return null;
        if (row.ExpiresAtMs <= now)
        {
            db.ResponseCache.Remove(row);
            await db.SaveChangesAsync(token);
            return null;
        }
        if (Slide(row, now)) await db.SaveChangesAsync(token);
        return row.Value;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        key.Length > ResponseCacheRow.MaxKeyLength ? Task.CompletedTask : WhileOpenAsync(() => WriteAsync(key, value, options, token));

    private async Task WriteAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token)
    {
        var now = Now;
        long? absolute = options.AbsoluteExpiration?.ToUnixTimeMilliseconds()
                         ?? (options.AbsoluteExpirationRelativeToNow is { } relative ? now + (long)relative.TotalMilliseconds : null);
        var sliding = options.SlidingExpiration is { } slide ? (long)slide.TotalMilliseconds : (long?)null;
        var expires = absolute is null && sliding is null
            ? now + (long)DefaultLifetime.TotalMilliseconds
            : Math.Min(absolute ?? long.MaxValue, sliding is { } s ? now + s : long.MaxValue);

        await using var db = await database.OpenAsync(token);
        var row = await db.ResponseCache.FirstOrDefaultAsync(c => c.Key == key, token);
        if (row is null) db.ResponseCache.Add(row = new ResponseCacheRow { Key = key, Value = value });
        (row.Value, row.ExpiresAtMs, row.SlidingMs, row.AbsoluteExpiresAtMs) = (value, expires, sliding, absolute);
        await db.SaveChangesAsync(token);
        if (Interlocked.Increment(ref _writes) % WritesPerSweep == 0)
            await db.ResponseCache.Where(c => c.ExpiresAtMs <= now).ExecuteDeleteAsync(token);
    }

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public Task RefreshAsync(string key, CancellationToken token = default) => WhileOpenAsync(async () =>
    {
        await using var db = await database.OpenAsync(token);
        var row = await db.ResponseCache.FirstOrDefaultAsync(c => c.Key == key, token);
        if (row is not null && Slide(row, Now)) await db.SaveChangesAsync(token);
    });

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public Task RemoveAsync(string key, CancellationToken token = default) => WhileOpenAsync(async () =>
    {
        await using var db = await database.OpenAsync(token);
        await db.ResponseCache.Where(c => c.Key == key).ExecuteDeleteAsync(token);
    });

    /// <summary>Refuses new operations and waits for the ones going to end.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _closed = true;
            if (_going == 0) _drained.TrySetResult();
        }
        return new ValueTask(_drained.Task);
    }

    // A host that disposes synchronously still waits for a background write to end.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    // Every operation goes through here: it counts as going from the call on (closing waits for it), and a closed cache
    // answers `closed` without opening the file.
    private async Task<T> WhileOpenAsync<T>(Func<Task<T>> operation, T closed)
    {
        lock (_gate)
        {
            if (_closed) return closed;
            _going++;
        }
        try
        {
            return await operation();
        }
        finally
        {
            lock (_gate)
                if (--_going == 0 && _closed) _drained.TrySetResult();
        }
    }

    private Task WhileOpenAsync(Func<Task> operation) => WhileOpenAsync(async () =>
    {
        await operation();
        return true;
    }, false);

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static bool Slide(ResponseCacheRow row, long now)
    {
        if (row.SlidingMs is not { } sliding) return false;
        row.ExpiresAtMs = Math.Min(now + sliding, row.AbsoluteExpiresAtMs ?? long.MaxValue);
        return true;
    }
}
