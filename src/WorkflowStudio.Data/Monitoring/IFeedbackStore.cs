namespace WorkflowStudio.Data.Monitoring;

public interface IFeedbackStore
{
    Task<FeedbackRecord> AddAsync(NewFeedback feedback, CancellationToken ct = default);

    /// <summary>Feedback in the filter's period (workflow, version and tag apply), newest first.</summary>
    Task<IReadOnlyList<FeedbackRecord>> ListAsync(MonitoringFilter filter, int take, CancellationToken ct = default);

    Task<IReadOnlyList<FeedbackRecord>> OfRunsAsync(IReadOnlyCollection<string> runIds, CancellationToken ct = default);
}
