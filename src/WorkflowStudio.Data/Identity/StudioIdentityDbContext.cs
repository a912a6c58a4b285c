using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Data.Audit;
using WorkflowStudio.Data.Secrets;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Identity;

/// <summary>
/// The security tables: sign-in (ASP.NET Core Identity: users, roles, lockout), the audit log and the encrypted provider keys, in the studio's own SQLite file. A context of its
/// own, with its own migrations and history table, so the account schema evolves apart from the workflow schema and
/// neither migration chain has to know about the other.
/// </summary>
public sealed class StudioIdentityDbContext(DbContextOptions<StudioIdentityDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    public const string MigrationsHistoryTable = "__IdentityMigrationsHistory";

    public DbSet<AuditRow> AuditEntries => Set<AuditRow>();

    public DbSet<ProviderSecretRow> ProviderSecrets => Set<ProviderSecretRow>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AuditRow>(e =>
        {
            e.ToTable("AuditEntries");
            e.HasKey(a => a.Id);
            // As in StudioDbContext: SQLite orders UTC ticks in a long, not DateTimeOffset text. Identity's own columns keep theirs.
            e.Property(a => a.At).HasConversion<DateTimeOffsetToBinaryConverter>();
            e.Property(a => a.Actor).HasMaxLength(AuditStore.ActorLength);
            e.Property(a => a.Action).HasMaxLength(AuditStore.ActionLength);
            e.Property(a => a.Target).HasMaxLength(AuditStore.TargetLength);
            e.Property(a => a.Detail).HasMaxLength(AuditStore.DetailLength);
        });
        builder.Entity<ProviderSecretRow>(e =>
        {
            e.ToTable("ProviderSecrets");
            e.HasKey(p => p.Provider);
            e.Property(p => p.Provider).HasMaxLength(ProviderSecretStore.ProviderLength);
            e.Property(p => p.Ending).HasMaxLength(ProviderSecretStore.EndingLength);
            e.Property(p => p.UpdatedBy).HasMaxLength(AuditStore.ActorLength);
            e.Property(p => p.UpdatedAt).HasConversion<DateTimeOffsetToBinaryConverter>();
        });
    }

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
