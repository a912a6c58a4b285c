using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace WorkflowStudio.Data.Tests.Monitoring;

/// <summary>
/// The response cache's SQLite level when the studio closes. HybridCache writes this level in the background after it
/// has answered its caller, so a write can still be going when the host disposes its services; it must end before the
/// file is closed (and a test or the CLI deletes it), and nothing may open the file afterwards.
/// </summary>
public sealed class SqliteDistributedCacheTests : IAsyncDisposable
{
    private readonly TempDatabase _db = new();

    private IDistributedCache Cache => _db.Services.GetRequiredService<IDistributedCache>();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task A_write_going_when_the_cache_closes_is_stored_before_the_close_ends()
    {
        // Held before the file is prepared, the write waits (off this thread) for the preparation, which waits for the lock.
        await using var holder = await HoldWriteLockAsync();
        var write = Cache.SetAsync("answer", [1, 2, 3], new DistributedCacheEntryOptions());

        var closing = ((IAsyncDisposable)Cache).DisposeAsync().AsTask();

        Assert.False(closing.IsCompleted, "The close ended while a write was still waiting for the file.");
        await holder.DisposeAsync();
        await write;
        await closing;
        Assert.Equal(1L, await CountAsync("answer"));
    }

    [Fact]
    public async Task After_the_close_the_cache_misses_and_does_not_touch_the_file()
    {
        await Cache.SetAsync("kept", [7], new DistributedCacheEntryOptions());
        await ((IAsyncDisposable)Cache).DisposeAsync();

        await Cache.SetAsync("late", [8], new DistributedCacheEntryOptions());
        await Cache.RefreshAsync("kept");
        await Cache.RemoveAsync("kept");

        Assert.Null(await Cache.GetAsync("kept"));
        Assert.Equal((0L, 1L), (await CountAsync("late"), await CountAsync("kept")));
    }

    private async Task<SqliteConnection> HoldWriteLockAsync()
    {
        // Not pooled: closing it must end its transaction and release the lock.
        var connection = new SqliteConnection($"Data Source={_db.Path};Pooling=False");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }

    private async Task<long> CountAsync(string key)
    {
        await using // Not pooled: closing it must end its transaction and release the lock.
        var connection = new SqliteConnection($"Data Source={_db.Path};Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM ResponseCache WHERE Key = $key";
        count.Parameters.AddWithValue("$key", key);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
