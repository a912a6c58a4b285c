using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Identity;

/// <summary>
/// The sign-in tables (ASP.NET Core Identity: users, roles, lockout) in the studio's own SQLite file. A context of its
/// own, with its own migrations and history table, so the account schema evolves apart from the workflow schema and
/// neither migration chain has to know about the other.
/// </summary>
public sealed class StudioIdentityDbContext(DbContextOptions<StudioIdentityDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    public const string MigrationsHistoryTable = "__IdentityMigrationsHistory";

    internal static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string databasePath) =>
        options.UseSqlite(StudioDbContextOptions.ConnectionString(databasePath), sqlite => sqlite.MigrationsHistoryTable(MigrationsHistoryTable));
}

/// <summary>Lets `dotnet ef migrations add --context StudioIdentityDbContext` build the context without the web app.</summary>
internal sealed class StudioIdentityDbContextDesignFactory : IDesignTimeDbContextFactory<StudioIdentityDbContext>
{
    public StudioIdentityDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<StudioIdentityDbContext>();
        StudioIdentityDbContext.Configure(options, Path.Combine(Path.GetTempPath(), "workflowstudio-identity-design.db"));
        return new StudioIdentityDbContext(options.Options);
    }
}

public static class StudioIdentityBuilderExtensions
{
    /// <summary>Keeps the users and roles of <paramref name="builder"/> in the studio's database (see <see cref="StudioIdentityDbContext"/>).</summary>
    public static IdentityBuilder AddStudioIdentityStores(this IdentityBuilder builder) =>
        builder.AddEntityFrameworkStores<StudioIdentityDbContext>();
}
