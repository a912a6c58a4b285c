using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Studio.Evaluations;

/// <summary>A tag's online evaluation: the scorers and the share of its runs they score (0.1 = one run in ten).</summary>
public sealed record OnlineEvaluationSetting(string WorkflowId, string Tag, IReadOnlyList<ScorerSpec> Scorers, double SampleRate);

/// <summary>Online pass rate of a tag in one interval: how many scores, how many passed.</summary>
public sealed record OnlinePassRatePoint(string WorkflowId, string Tag, DateTimeOffset Start, int Scores, int Passed)
{
    public double PassRate => Scores == 0 ? 0 : (double)Passed / Scores;
}

/// <summary>The online scores of a period per tag and interval, with the scorer's counters since the studio started.</summary>
public sealed record OnlineEvaluationOverview(IReadOnlyList<OnlinePassRatePoint> Points, int Scores, int Passed, long Sampled, long Scored, long Dropped, long Failed);
