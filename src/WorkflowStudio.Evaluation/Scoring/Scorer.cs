using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace WorkflowStudio.Evaluation.Scoring;

/// <summary>The one base of the built-in scorers: turns a <see cref="Score"/> into an interpreted <see cref="NumericMetric"/>.</summary>
public abstract class Scorer(string name) : IScorer
{
    public string Name { get; } = name;

    public IReadOnlyCollection<string> EvaluationMetricNames => [Name];

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
    {
        Score score;
        try
        {
            score = await ScoreAsync(ScoringInput.From(messages, modelResponse, additionalContext), cancellationToken).ConfigureAwait(false);
        }
        catch (ScorerException e)
        {
            score = Score.Fail(null, e.Message);
        }
        var metric = new NumericMetric(Name, score.Value, score.Reason)
        {
            Interpretation = new EvaluationMetricInterpretation(
                score.Passed ? EvaluationRating.Good : EvaluationRating.Unacceptable, failed: !score.Passed, score.Reason),
        };
        return new EvaluationResult(metric);
    }

    protected abstract ValueTask<Score> ScoreAsync(ScoringInput input, CancellationToken cancellationToken);
}

/// <summary>A scorer that needs no model or I/O: most of them.</summary>
public abstract class SyncScorer(string name) : Scorer(name)
{
    protected sealed override ValueTask<Score> ScoreAsync(ScoringInput input, CancellationToken cancellationToken) => ValueTask.FromResult(Score(input));

    protected abstract Score Score(ScoringInput input);
}
