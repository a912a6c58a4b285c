using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using WorkflowStudio.Data.Entities;
using WorkflowStudio.Data.Monitoring;

namespace WorkflowStudio.Data;

/// <summary>The studio's database. Nothing outside this project talks SQL, so the provider can be swapped.</summary>
public sealed class StudioDbContext(DbContextOptions<StudioDbContext> options) : DbContext(options)
{
    public DbSet<WorkflowRow> Workflows => Set<WorkflowRow>();
    public DbSet<VersionRow> Versions => Set<VersionRow>();
    public DbSet<TagRow> Tags => Set<TagRow>();
    public DbSet<TagMoveRow> TagMoves => Set<TagMoveRow>();
    public DbSet<RunRow> Runs => Set<RunRow>();
    public DbSet<RunEventRow> RunEvents => Set<RunEventRow>();
    public DbSet<DatasetRow> Datasets => Set<DatasetRow>();
    public DbSet<DatasetVersionRow> DatasetVersions => Set<DatasetVersionRow>();
    public DbSet<DatasetCaseRow> DatasetCases => Set<DatasetCaseRow>();
    public DbSet<EvaluationRow> Evaluations => Set<EvaluationRow>();
    public DbSet<EvaluationCaseRow> EvaluationCases => Set<EvaluationCaseRow>();
    public DbSet<EvaluationScoreRow> EvaluationScores => Set<EvaluationScoreRow>();
    public DbSet<StepCheckRow> StepChecks => Set<StepCheckRow>();

    // Deployments
    public DbSet<ApiKeyRow> ApiKeys => Set<ApiKeyRow>();
    public DbSet<DeploymentRunRow> DeploymentRuns => Set<DeploymentRunRow>();

    // Monitoring
    public DbSet<ModelCallRow> ModelCalls => Set<ModelCallRow>();
    public DbSet<FeedbackRow> Feedback => Set<FeedbackRow>();
    public DbSet<TagSettingsRow> TagSettings => Set<TagSettingsRow>();
    public DbSet<ResponseCacheRow> ResponseCache => Set<ResponseCacheRow>();
    public DbSet<AlertRuleRow> AlertRules => Set<AlertRuleRow>();
    public DbSet<AlertNoticeRow> AlertNotices => Set<AlertNoticeRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset text; UTC ticks in the high bits of a long can.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WorkflowRow>(e =>
        {
            e.ToTable("Workflows");
            e.HasKey(w => w.Id);
            e.Property(w => w.Id).HasMaxLength(StoreLimits.IdLength);
            e.Property(w => w.Name).HasMaxLength(StoreLimits.NameLength);
        });

        modelBuilder.Entity<VersionRow>(e =>
        {
            e.ToTable("Versions");
            e.HasKey(v => v.Id);
            e.HasIndex(v => new { v.WorkflowId, v.Number }).IsUnique();
            e.HasOne<WorkflowRow>().WithMany().HasForeignKey(v => v.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TagRow>(e =>
        {
            e.ToTable("Tags");
            e.HasKey(t => new { t.WorkflowId, t.Name });
            e.Property(t => t.Name).HasMaxLength(StoreLimits.TagLength);
            e.HasOne<WorkflowRow>().WithMany().HasForeignKey(t => t.WorkflowId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<VersionRow>().WithMany().HasForeignKey(t => t.VersionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TagMoveRow>(e =>
        {
            e.ToTable("TagMoves");
            e.HasKey(m => m.Id);
            e.HasIndex(m => new { m.WorkflowId, m.Tag });
            e.HasOne<WorkflowRow>().WithMany().HasForeignKey(m => m.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<RunRow>(e =>
        {
            e.ToTable("Runs");
            e.HasKey(r => r.Id);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(r => new { r.WorkflowId, r.StartedAt });
            e.HasIndex(r => r.Status);
            e.HasOne<WorkflowRow>().WithMany().HasForeignKey(r => r.WorkflowId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<VersionRow>().WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<RunEventRow>(e =>
        {
            e.ToTable("RunEvents");
            e.HasKey(x => new { x.RunId, x.Sequence });
            e.HasOne<RunRow>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        ConfigureEvaluation(modelBuilder);
        ConfigureDeployments(modelBuilder);
        MonitoringModel.Configure(modelBuilder);
    }

    private static void ConfigureDeployments(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ApiKeyRow>(e =>
        {
            e.ToTable("ApiKeys");
            e.HasKey(k => k.Id);
            e.Property(k => k.Id).HasMaxLength(StoreLimits.IdLength);
            e.Property(k => k.Name).HasMaxLength(StoreLimits.NameLength);
            e.Property(k => k.Hash).HasMaxLength(64);
            e.HasIndex(k => k.Hash).IsUnique();
        });

        modelBuilder.Entity<DeploymentRunRow>(e =>
        {
            e.ToTable("DeploymentRuns");
            e.HasKey(r => r.RunId);
            e.Property(r => r.IdempotencyKey).HasMaxLength(StoreLimits.IdempotencyKeyLength);
            // A key's idempotency keys are unique; runs without one (null) never clash in SQLite's unique index.
            e.HasIndex(r => new { r.ApiKeyId, r.IdempotencyKey }).IsUnique();
            e.HasOne<RunRow>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ApiKeyRow>().WithMany().HasForeignKey(r => r.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private static void ConfigureEvaluation(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DatasetRow>(e =>
        {
            e.ToTable("Datasets");
            e.HasKey(d => d.Id);
            e.Property(d => d.Id).HasMaxLength(StoreLimits.IdLength);
            e.Property(d => d.Name).HasMaxLength(StoreLimits.NameLength);
        });

        modelBuilder.Entity<DatasetVersionRow>(e =>
        {
            e.ToTable("DatasetVersions");
            e.HasKey(v => v.Id);
            e.HasIndex(v => new { v.DatasetId, v.Number }).IsUnique();
            e.HasOne<DatasetRow>().WithMany().HasForeignKey(v => v.DatasetId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DatasetCaseRow>(e =>
        {
            e.ToTable("DatasetCases");
            e.HasKey(c => new { c.VersionId, c.Ordinal });
            e.HasOne<DatasetVersionRow>().WithMany().HasForeignKey(c => c.VersionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<EvaluationRow>(e =>
        {
            e.ToTable("Evaluations");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(StoreLimits.IdLength);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => new { x.WorkflowId, x.CreatedAt });
            e.Property(x => x.ExperimentId).HasMaxLength(StoreLimits.IdLength);
            e.Property(x => x.Variant).HasMaxLength(StoreLimits.NameLength);
            e.HasIndex(x => x.ExperimentId);
            e.HasOne<WorkflowRow>().WithMany().HasForeignKey(x => x.WorkflowId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<DatasetRow>().WithMany().HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<StepCheckRow>(e =>
        {
            e.ToTable("StepChecks");
            e.HasKey(x => new { x.WorkflowId, x.StepId });
            e.Property(x => x.StepId).HasMaxLength(StoreLimits.IdLength);
            e.HasOne<WorkflowRow>().WithMany().HasForeignKey(x => x.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<EvaluationCaseRow>(e =>
        {
            e.ToTable("EvaluationCases");
            e.HasKey(x => new { x.EvaluationId, x.Ordinal, x.Repeat });
            e.HasIndex(x => x.RunId);
            e.HasOne<EvaluationRow>().WithMany().HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<EvaluationScoreRow>(e =>
        {
            e.ToTable("EvaluationScores");
            e.HasKey(x => new { x.EvaluationId, x.Ordinal, x.Repeat, x.Scorer });
            e.HasOne<EvaluationCaseRow>().WithMany().HasForeignKey(x => new { x.EvaluationId, x.Ordinal, x.Repeat }).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
