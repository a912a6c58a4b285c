using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace WorkflowStudio.Data.Storage;

/// <summary>One place that says how the studio opens its SQLite file, shared by the app and by `dotnet ef`.</summary>
internal static class StudioDbContextOptions
{
    public static string ConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        ForeignKeys = true,
    }.ToString();

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string databasePath) =>
        options.UseSqlite(ConnectionString(databasePath))
            .AddInterceptors(new VersionImmutabilityInterceptor(), new SqlitePragmaInterceptor());
}
