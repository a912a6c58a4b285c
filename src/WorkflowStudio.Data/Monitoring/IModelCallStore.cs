namespace WorkflowStudio.Data.Monitoring;

/// <summary>Recorded model calls: written in batches by the recorder, read by the Monitoring page's queries.</summary>
public interface IModelCallStore
{
    /// <summary>Stores the calls and adds them to the rollups, in one transaction.</summary>
    Task AppendAsync(IReadOnlyList<ModelCallRecord> calls, CancellationToken ct = default);

    /// <summary>Adds the calls stored before rollups existed to them, a chunk per transaction; returns how many. Safe to repeat.</summary>
    Task<int> BackfillRollupsAsync(CancellationToken ct = default);

    /// <summary>
    /// The sums of the matching calls, split as finely as <paramref name="grain"/> asks: from the rollups it allows where
    /// whole buckets fit and every call is rolled up, from the raw calls otherwise and at the period's ragged ends.
    /// </summary>
    Task<IReadOnlyList<CallSlice>> LoadSlicesAsync(MonitoringFilter filter, SliceGrain grain, CancellationToken ct = default);

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
