using Microsoft.Data.Sqlite;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Identity;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Data.Tests;

public sealed class SecurityStorageTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();

    public async Task InitializeAsync() => await Samples.SaveNewAsync(_db.Workflows);
    public Task DisposeAsync() => _db.DisposeAsync().AsTask();

    [Fact]
    public async Task The_sign_in_tables_live_in_the_studio_file_with_their_own_migration_history()
    {
        await _db.Database.EnsureReadyAsync();
        await using var connection = new SqliteConnection($"Data Source={_db.Path}");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        Assert.Contains("AspNetUsers", tables);
        Assert.Contains("AspNetRoles", tables);
        Assert.Contains(StudioIdentityDbContext.MigrationsHistoryTable, tables);
        Assert.Contains("Workflows", tables);
    }

    [Fact]
    public async Task A_run_whose_output_is_too_large_to_store_still_ends_in_storage_with_a_marker()
    {
        await _db.Runs.CreateRunAsync(Samples.Run("big"));
        var huge = new string('x', StoreLimits.EventPayloadChars * 2);
        var now = DateTimeOffset.UtcNow;
        await _db.Runs.AppendEventsAsync(
        [
            new NodeDelta(huge) { RunId = "big", Sequence = 1, NodeId = "writer", Timestamp = now },
            new RunCompleted(new Dictionary<string, object?> { ["article"] = huge }) { RunId = "big", Sequence = 2, Timestamp = now },
        ]);

        var run = await _db.Runs.GetRunAsync("big");
        Assert.Equal(RunStatus.Succeeded, run!.Status);
        var stored = await _db.Runs.GetEventsAsync("big");
        Assert.All(stored, e => Assert.True(RunEventJson.Serialize(e).Length <= StoreLimits.EventPayloadChars));
        Assert.Contains(RunEventJson.CutMarker, Assert.IsType<NodeDelta>(stored[0]).Text);
        Assert.Contains(RunEventJson.CutMarker, Assert.IsType<RunCompleted>(stored[1]).Outputs["article"]!.ToString());
    }
}
