using Microsoft.EntityFrameworkCore;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Knowledge;

/// <summary>The knowledge context on the studio's file, with its own migration history; shared by the app and `dotnet ef`.</summary>
internal static class KnowledgeDbContextOptions
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string databasePath) =>
        options.UseSqlite(StudioDbContextOptions.ConnectionString(databasePath), sqlite => sqlite.MigrationsHistoryTable(KnowledgeDbContext.HistoryTable))
            .AddInterceptors(new SqlitePragmaInterceptor());
}

/// <summary>Lets `dotnet ef migrations add --context KnowledgeDbContext` build the context without the web app.</summary>
internal sealed class KnowledgeDbContextDesignFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<KnowledgeDbContext>
{
    public KnowledgeDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<KnowledgeDbContext>();
        KnowledgeDbContextOptions.Configure(options, Path.Combine(Path.GetTempPath(), "workflowstudio-knowledge-design.db"));
        return new KnowledgeDbContext(options.Options);
    }
}
