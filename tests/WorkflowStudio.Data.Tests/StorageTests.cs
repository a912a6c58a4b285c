using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace WorkflowStudio.Data.Tests;

public sealed class StorageTests
{
    [Fact]
    public async Task Opening_a_new_file_migrates_it_into_wal_mode()
    {
        await using var db = new TempDatabase();
        await db.Database.EnsureReadyAsync();

        await using var connection = new SqliteConnection($"Data Source={db.Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; ";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('Workflows', 'Versions', 'Tags', 'TagMoves', 'Runs', 'RunEvents')";
        Assert.Equal(6L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_connection_handed_out_again_by_the_pool_keeps_the_studio_s_pragmas()
    {
        await using var db = new TempDatabase();
        for (var open = 0; open < 3; open++)
        {
            await using var context = await db.Database.OpenAsync(CancellationToken.None);
            await context.Database.OpenConnectionAsync();
            await using var command = context.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous;";
            Assert.Equal(1L, await command.ExecuteScalarAsync()); // NORMAL
            command.CommandText = "PRAGMA busy_timeout;";
            Assert.Equal(10_000L, await command.ExecuteScalarAsync());
        }
    }
}
