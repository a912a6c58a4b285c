using Microsoft.Data.Sqlite;

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
}
