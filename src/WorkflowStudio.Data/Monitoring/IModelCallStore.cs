namespace WorkflowStudio.Data.Monitoring;

/// <summary>Recorded model calls: written in batches by the recorder, read by the Monitoring page's queries.</summary>
public interface IModelCallStore
{
    Task AppendAsync(IReadOnlyList<ModelCallRecord> calls, CancellationToken ct = default);

    /// <summary>The numbers of every call the filter matches, oldest first, for charts and tables.</summary>
    Task<IReadOnlyList<CallPoint>> LoadPointsAsync(MonitoringFilter filter, CancellationToken ct = default);

    /// <summary>A page of calls, newest first.</summary>
    Task<CallPage> ListAsync(MonitoringFilter filter, int skip, int take, CancellationToken ct = default);

    Task<ModelCallRecord?> GetAsync(long id, CancellationToken ct = default);

    Task<MonitoringChoices> ChoicesAsync(string? workflowId, CancellationToken ct = default);

    Task<bool> GetRecordTextAsync(string workflowId, string tag, CancellationToken ct = default);

    Task SetRecordTextAsync(string workflowId, string tag, bool recordText, CancellationToken ct = default);

    /// <summary>The tag's retries, timeout, fallback and cache; the defaults for a tag never set.</summary>
    Task<TagResilience> GetResilienceAsync(string workflowId, string tag, CancellationToken ct = default);

    Task SetResilienceAsync(string workflowId, string tag, TagResilience resilience, CancellationToken ct = default);
}
