using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Data.Identity;
using WorkflowStudio.Data.Knowledge;
using WorkflowStudio.Data.Storage;
using WorkflowStudio.Testing;

namespace WorkflowStudio.Data.Tests.Storage;

/// <summary>
/// The throwaway database's schema is a script kept in the assembly, so `studio eval` does not build three EF models to
/// make a file it deletes; this keeps the script equal to what the models create.
/// </summary>
public sealed class ThrowawaySchemaTests
{
    [Fact]
    public async Task The_throwaway_schema_script_is_the_tables_the_models_create()
    {
        await using var db = new TempDatabase();
        var fromModels = await FromModelsAsync(db.Services);

        if (Environment.GetEnvironmentVariable("STUDIO_UPDATE_SCHEMA") == "1")
            await File.WriteAllTextAsync(Path.Combine(RepositoryPaths.Root, "src", "WorkflowStudio.Data", "Storage", "ThrowawaySchema.sql"), fromModels);
        Assert.True(fromModels == ThrowawaySchema.Script,
            "The models changed: run this test once with STUDIO_UPDATE_SCHEMA=1 to rewrite src/WorkflowStudio.Data/Storage/ThrowawaySchema.sql.");
    }

    [Fact]
    public async Task A_throwaway_database_has_every_table_a_migrated_one_has()
    {
        await using var throwaway = new TempDatabase();
        await throwaway.Database.PrepareThrowawayAsync();
        await using var migrated = new TempDatabase();
        await migrated.Database.EnsureReadyAsync();

        var migratedTables = await TablesAsync(migrated.Path);
        // The migrations' own bookkeeping (history tables and the lock) is what a throwaway file does without.
        Assert.Equal(migratedTables.Where(t => !t.StartsWith("__", StringComparison.Ordinal)), await TablesAsync(throwaway.Path));
    }

    private static async Task<string> FromModelsAsync(IServiceProvider services)
    {
        await using var studio = await services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        await using var identity = new StudioIdentityDbContext(services.GetRequiredService<DbContextOptions<StudioIdentityDbContext>>());
        await using var knowledge = await services.GetRequiredService<IDbContextFactory<KnowledgeDbContext>>().CreateDbContextAsync();
        return string.Join("\n", new DbContext[] { studio, identity, knowledge }.Select(c => c.Database.GenerateCreateScript().ReplaceLineEndings("\n").Trim() + "\n"));
    }

    private static async Task<List<string>> TablesAsync(string path)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }
}
