using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace WorkflowStudio.Data.Knowledge;

/// <summary>
/// Knowledge bases, documents, chunks and embeddings, in the studio's SQLite file but in a context (and migration
/// history) of their own, so their migrations never interleave with <see cref="StudioDbContext"/>'s.
/// </summary>
public sealed class KnowledgeDbContext(DbContextOptions<KnowledgeDbContext> options) : DbContext(options)
{
    public const string HistoryTable = "__KnowledgeMigrationsHistory";

    public DbSet<KnowledgeBaseRow> Bases => Set<KnowledgeBaseRow>();
    public DbSet<KnowledgeDocumentRow> Documents => Set<KnowledgeDocumentRow>();
    public DbSet<KnowledgeChunkRow> Chunks => Set<KnowledgeChunkRow>();
    public DbSet<KnowledgeFolderImportRow> FolderImports => Set<KnowledgeFolderImportRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<KnowledgeBaseRow>(e =>
        {
            e.ToTable("KnowledgeBases");
            e.HasKey(b => b.Id);
            // Names are matched as the Retrieval step's setting is: case does not matter.
            e.Property(b => b.Name).HasMaxLength(KnowledgeLimits.NameLength).UseCollation("NOCASE");
            e.HasIndex(b => b.Name).IsUnique();
        });
        modelBuilder.Entity<KnowledgeDocumentRow>(e =>
        {
            e.ToTable("KnowledgeDocuments");
            e.HasKey(d => d.Id);
            e.Property(d => d.Name).HasMaxLength(KnowledgeLimits.DocumentNameLength).UseCollation("NOCASE");
            e.HasIndex(d => new { d.BaseId, d.Name }).IsUnique();
            e.HasOne<KnowledgeBaseRow>().WithMany().HasForeignKey(d => d.BaseId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<KnowledgeChunkRow>(e =>
        {
            e.ToTable("KnowledgeChunks");
            e.HasKey(c => c.Id);
            e.HasIndex(c => new { c.BaseId, c.DocumentId, c.Ordinal });
            e.HasOne<KnowledgeBaseRow>().WithMany().HasForeignKey(c => c.BaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<KnowledgeDocumentRow>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<KnowledgeFolderImportRow>(e =>
        {
            e.ToTable("KnowledgeFolderImports");
            e.HasKey(i => i.Name);
            e.Property(i => i.Name).UseCollation("NOCASE");
        });
    }
}
