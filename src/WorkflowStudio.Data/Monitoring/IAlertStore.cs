namespace WorkflowStudio.Data.Monitoring;

public interface IAlertStore
{
    Task<AlertRule> SaveRuleAsync(AlertRule rule, CancellationToken ct = default);
    Task<IReadOnlyList<AlertRule>> ListRulesAsync(CancellationToken ct = default);
    Task<bool> DeleteRuleAsync(string ruleId, CancellationToken ct = default);
    /// <summary>Stores the notice and marks the rule fired at its time.</summary>
    Task<AlertNotice> AddNoticeAsync(AlertNotice notice, CancellationToken ct = default);
    Task<IReadOnlyList<AlertNotice>> ListNoticesAsync(int take, CancellationToken ct = default);
}
