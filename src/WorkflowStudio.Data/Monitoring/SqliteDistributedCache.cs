using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Monitoring;

/// <summary>
/// An <see cref="IDistributedCache"/> over the studio database's ResponseCache table: the persistent second level
/// of the response cache, so answers outlive a restart and are shared by the app and the CLI on the same file.
/// </summary>
public sealed class SqliteDistributedCache(StudioDatabase database, TimeProvider time) : IDistributedCache
{
    // Expired rows are swept now and then on a write rather than by a timer, so an idle studio does no work.
    private const int WritesPerSweep = 500;
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);
    private int _writes;

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
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

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        if (key.Length > ResponseCacheRow.MaxKeyLength) return;
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

    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        await using var db = await database.OpenAsync(token);
        var row = await db.ResponseCache.FirstOrDefaultAsync(c => c.Key == key, token);
        if (row is not null && Slide(row, Now)) await db.SaveChangesAsync(token);
    }

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        await using var db = await database.OpenAsync(token);
        await db.ResponseCache.Where(c => c.Key == key).ExecuteDeleteAsync(token);
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static bool Slide(ResponseCacheRow row, long now)
    {
        if (row.SlidingMs is not { } sliding) return false;
        row.ExpiresAtMs = Math.Min(now + sliding, row.AbsoluteExpiresAtMs ?? long.MaxValue);
        return true;
    }
}
