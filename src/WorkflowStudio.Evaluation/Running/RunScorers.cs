using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Evaluation.Scoring;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatResponse = Microsoft.Extensions.AI.ChatResponse;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>
/// Scorers bound to one workflow (what output or step each reads), scoring a finished run: a case of an evaluation,
/// with its expected values, or a live run of a deployment, with only the scorers' own literals to compare against.
/// </summary>
public sealed class RunScorers
{
    private readonly IReadOnlyList<BoundScorer> _scorers;

    internal RunScorers(IReadOnlyList<BoundScorer> scorers)
    {
        _scorers = scorers;
        CheckedSteps = scorers.SelectMany(s => new[] { s.Spec.Step, s.ContextStep }).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The steps whose outputs the scorers read, which a <see cref="RunOutcome"/> keeps.</summary>
    public IReadOnlySet<string> CheckedSteps { get; }

    public int Count => _scorers.Count;

    /// <param name="expectedFrom">The case whose expected values the scorers compare against; null for a live run.</param>
    public async Task<List<ScoreResult>> ScoreAsync(IReadOnlyDictionary<string, string> inputs, RunOutcome run, DatasetCase? expectedFrom, CancellationToken ct)
    {
        var scores = new List<ScoreResult>(_scorers.Count);
        var measures = new RunMeasuresContext(run.Latency, run.InputTokens + run.OutputTokens, run.Cost);
        var question = new AiChatMessage(AiChatRole.User, string.Join("\n", inputs.Select(kv => $"{kv.Key}: {kv.Value}")));
        foreach (var scorer in _scorers)
        {
            if (run.Error is not null)
            {
                scores.Add(new ScoreResult(scorer.Name, null, false, "The run did not complete: " + run.Error));
                continue;
            }
            var response = new AiChatResponse(new AiChatMessage(AiChatRole.Assistant, scorer.Actual(run.Outputs, run.Steps)));
            var contexts = new List<Microsoft.Extensions.AI.Evaluation.EvaluationContext>(3) { measures };
            if (scorer.Expected(expectedFrom) is { } expected) contexts.Add(new ExpectedContext(expected));
            if (scorer.Passages(run.Steps) is { } passages) contexts.Add(new RetrievedContext(passages));
            var result = await scorer.Scorer.EvaluateAsync([question], response, null, contexts, ct).ConfigureAwait(false);
            scores.Add(Read(scorer.Name, result));
        }
        return scores;
    }

    /// <summary>A scorer's metric as stored; any evaluator's metric kind is accepted, not only ours.</summary>
    private static ScoreResult Read(string name, Microsoft.Extensions.AI.Evaluation.EvaluationResult result)
    {
        if (!result.Metrics.TryGetValue(name, out var metric)) return new ScoreResult(name, null, false, $"The scorer returned no metric named '{name}'.");
        double? value = metric switch
        {
            Microsoft.Extensions.AI.Evaluation.NumericMetric n => n.Value,
            Microsoft.Extensions.AI.Evaluation.BooleanMetric b => b.Value is { } v ? (v ? 1 : 0) : null,
            _ => null,
        };
        var passed = metric.Interpretation is { } interpretation ? !interpretation.Failed : value is > 0;
        return new ScoreResult(name, value, passed, metric.Interpretation?.Reason ?? metric.Reason);
    }
}
