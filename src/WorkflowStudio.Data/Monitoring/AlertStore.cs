using Microsoft.EntityFrameworkCore;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Monitoring;

public sealed class AlertStore(StudioDatabase database) : IAlertStore
{
    public async Task<AlertRule> SaveRuleAsync(AlertRule rule, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(rule.Name) || rule.Name.Length > StoreLimits.NameLength)
            throw new StoreException($"An alert name must be 1 to {StoreLimits.NameLength} characters.");
        if (rule.WindowMinutes is < 1 or > 7 * 24 * 60) throw new StoreException("An alert window must be 1 minute to 7 days.");
        if (double.IsNaN(rule.Threshold) || double.IsInfinity(rule.Threshold) || rule.Threshold < 0)
            throw new StoreException("An alert threshold must be a number of 0 or more.");
        await using var db = await database.OpenAsync(ct);
        var row = await db.AlertRules.FirstOrDefaultAsync(r => r.Id == rule.Id, ct);
        if (row is null)
        {
            row = new AlertRuleRow { Id = rule.Id, Name = "", Metric = "" };
            db.AlertRules.Add(row);
        }
        row.Name = rule.Name.Trim();
        row.Metric = rule.Metric.ToString();
        row.Threshold = rule.Threshold;
        row.WindowMinutes = rule.WindowMinutes;
        row.WorkflowId = string.IsNullOrWhiteSpace(rule.WorkflowId) ? null : rule.WorkflowId;
        row.WebhookUrl = string.IsNullOrWhiteSpace(rule.WebhookUrl) ? null : rule.WebhookUrl.Trim();
        row.Enabled = rule.Enabled;
        await db.SaveChangesAsync(ct);
        return ToRecord(row);
    }

    public async Task<IReadOnlyList<AlertRule>> ListRulesAsync(CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var rows = await db.AlertRules.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        return rows.Select(ToRecord).ToList();
    }

    public async Task<bool> DeleteRuleAsync(string ruleId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        return await db.AlertRules.Where(r => r.Id == ruleId).ExecuteDeleteAsync(ct) > 0;
    }

    public async Task<AlertNotice> AddNoticeAsync(AlertNotice notice, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var at = notice.At.ToUnixTimeMilliseconds();
        var row = new AlertNoticeRow { RuleId = notice.RuleId, AtMs = at, Value = notice.Value, Message = notice.Message, WebhookResult = notice.WebhookResult };
        db.AlertNotices.Add(row);
        await db.SaveChangesAsync(ct);
        await db.AlertRules.Where(r => r.Id == notice.RuleId).ExecuteUpdateAsync(s => s.SetProperty(r => r.LastFiredAtMs, at), ct);
        return notice with { Id = row.Id };
    }

    public async Task<IReadOnlyList<AlertNotice>> ListNoticesAsync(int take, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var rows = await db.AlertNotices.AsNoTracking().OrderByDescending(n => n.AtMs).ThenByDescending(n => n.Id).Take(Math.Clamp(take, 1, 1_000)).ToListAsync(ct);
        return rows.Select(n => new AlertNotice(n.Id, n.RuleId, DateTimeOffset.FromUnixTimeMilliseconds(n.AtMs), n.Value, n.Message, n.WebhookResult)).ToList();
    }

    private static AlertRule ToRecord(AlertRuleRow r) => new(r.Id, r.Name, Enum.Parse<AlertMetric>(r.Metric), r.Threshold, r.WindowMinutes,
        r.WorkflowId, r.WebhookUrl, r.Enabled, r.LastFiredAtMs is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null);
}
