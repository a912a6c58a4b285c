namespace WorkflowStudio.Data.Evaluations;

/// <summary>A tag's online evaluation: scorer specs (JSON, opaque here) and the share of its runs to score.</summary>
public sealed record OnlineScorerSettings(string WorkflowId, string Tag, string ScorersJson, double SampleRate, DateTimeOffset UpdatedAt);

/// <summary>A scorer's verdict on a sampled live run.</summary>
public sealed record OnlineScore(string RunId, string WorkflowId, int Version, string Tag, string Scorer, double? Value, bool Passed, string? Reason, DateTimeOffset ScoredAt);
