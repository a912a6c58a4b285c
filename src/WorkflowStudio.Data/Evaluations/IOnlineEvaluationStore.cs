namespace WorkflowStudio.Data.Evaluations;

/// <summary>Online evaluation: per-tag scorer settings, and the scores of sampled live runs.</summary>
public interface IOnlineEvaluationStore
{
    /// <summary>Every tag's settings, for the scorer's in-memory copy.</summary>
    Task<IReadOnlyList<OnlineScorerSettings>> ListSettingsAsync(CancellationToken ct = default);

    /// <summary>Replaces a tag's settings; null removes them (no online evaluation).</summary>
    Task SetSettingsAsync(string workflowId, string tag, string? scorersJson, double sampleRate, CancellationToken ct = default);

    Task AppendScoresAsync(IReadOnlyList<OnlineScore> scores, CancellationToken ct = default);

    /// <summary>Scores stored in [from, to), oldest first, optionally of one workflow and tag.</summary>
    Task<IReadOnlyList<OnlineScore>> ListScoresAsync(DateTimeOffset from, DateTimeOffset to, string? workflowId = null, string? tag = null, int take = 100_000,
        CancellationToken ct = default);
}
