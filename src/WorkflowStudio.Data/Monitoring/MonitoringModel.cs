using Microsoft.EntityFrameworkCore;

namespace WorkflowStudio.Data.Monitoring;

/// <summary>The monitoring tables: model calls (indexed for period scans per workflow) and their hourly and daily rollups, feedback, tag settings, alerts and the response cache.</summary>
internal static class MonitoringModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ModelCallRow>(e =>
        {
            e.ToTable("ModelCalls");
            e.HasKey(c => c.Id);
            e.Property(c => c.Model).HasMaxLength(StoreLimits.NameLength);
            e.Property(c => c.Purpose).HasMaxLength(16);
            e.Property(c => c.FallbackFrom).HasMaxLength(StoreLimits.NameLength);
            e.HasIndex(c => c.AtMs);
            e.HasIndex(c => new { c.WorkflowId, c.AtMs });
            e.HasIndex(c => c.RunId);
            // Holds only the calls the rollup backfill has not taken yet, so "is there any" and "the next chunk" are instant.
            e.HasIndex(c => c.Id).HasFilter("RolledUp = 0").HasDatabaseName("IX_ModelCalls_NotRolledUp");
            // The call list's failed-only pages, newest first: only the failed calls, in time order, so a page and its
            // count read the failures in the period instead of every call in it.
            e.HasIndex(c => c.AtMs, "IX_ModelCalls_Failed").HasFilter("ErrorCode IS NOT NULL");
        });

        modelBuilder.Entity<ModelCallRollupRow>(e =>
        {
            e.ToTable("ModelCallRollups");
            e.HasKey(r => r.Id);
            e.Property(r => r.Model).HasMaxLength(StoreLimits.NameLength);
            e.HasIndex(r => new { r.WidthMs, r.StartMs, r.WorkflowId, r.Version, r.Tag, r.StepId, r.Model, r.ErrorCode }).IsUnique();
        });

        modelBuilder.Entity<FeedbackRow>(e =>
        {
            e.ToTable("Feedback");
            e.HasKey(f => f.Id);
            e.HasIndex(f => f.AtMs);
            e.HasIndex(f => f.RunId);
            e.HasOne<Entities.RunRow>().WithMany().HasForeignKey(f => f.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TagSettingsRow>(e =>
        {
            e.ToTable("TagSettings");
            e.HasKey(t => new { t.WorkflowId, t.Tag });
            e.Property(t => t.FallbackModel).HasMaxLength(StoreLimits.NameLength);
        });

        modelBuilder.Entity<ResponseCacheRow>(e =>
        {
            e.ToTable("ResponseCache");
            e.HasKey(c => c.Key);
            e.Property(c => c.Key).HasMaxLength(ResponseCacheRow.MaxKeyLength);
            e.HasIndex(c => c.ExpiresAtMs);
        });

        modelBuilder.Entity<AlertRuleRow>(e =>
        {
            e.ToTable("AlertRules");
            e.HasKey(r => r.Id);
        });

        modelBuilder.Entity<AlertNoticeRow>(e =>
        {
            e.ToTable("AlertNotices");
            e.HasKey(n => n.Id);
            e.HasIndex(n => n.AtMs);
            e.HasOne<AlertRuleRow>().WithMany().HasForeignKey(n => n.RuleId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
