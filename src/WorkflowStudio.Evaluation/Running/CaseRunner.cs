using System.Text.Json;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Evaluation.Scoring;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatResponse = Microsoft.Extensions.AI.ChatResponse;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>Runs one case through the workflow (its events to the run sink, so the trace opens like any run) and scores it.</summary>
internal sealed class CaseRunner(Runner runner, IRunEventSink sink, Workflow workflow, IReadOnlyList<BoundScorer> scorers, TimeSpan caseTimeout, bool cache, string evaluationId,
    Func<WorkflowStudio.Data.Datasets.DatasetCase, IReadOnlyDictionary<string, string>> inputsOf)
{
    private readonly HashSet<string> _checkedSteps = [.. scorers.SelectMany(s => new[] { s.Spec.Step, s.ContextStep }).OfType<string>()];

    public async Task<CaseResult> RunAsync(WorkItem item, CancellationToken ct)
    {
        var options = new RunOptions
        {
            RunId = item.RunId, TimeLimit = caseTimeout,
            ModelPolicy = cache ? new ModelPolicy { UseCache = true, CacheVariant = item.Repeat } : null,
        };
        var steps = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, object?> outputs = new Dictionary<string, object?>();
        int inputTokens = 0, outputTokens = 0;
        decimal cost = 0;
        var latency = TimeSpan.Zero;
        string? error = null;

        await foreach (var e in runner.RunAsync(workflow, inputsOf(item.Case), options, ct).ConfigureAwait(false))
        {
            sink.Write(e);
            switch (e)
            {
                case NodeCompleted done:
                    inputTokens += done.InputTokens;
                    outputTokens += done.OutputTokens;
                    cost += done.Cost;
                    // The last iteration of a looped step is the one that counts.
                    if (_checkedSteps.Contains(e.NodeId!)) steps[e.NodeId!] = done.Outputs;
                    break;
                case RunCompleted completed:
                    outputs = completed.Outputs;
                    latency = completed.Duration;
                    break;
                case RunFailed failed:
                    error = $"{failed.Code}: {failed.Message}";
                    latency = failed.Duration;
                    break;
                case RunCancelled cancelled:
                    ct.ThrowIfCancellationRequested();
                    error = "cancelled: " + cancelled.Reason;
                    latency = cancelled.Duration;
                    break;
            }
        }

        var scores = new List<ScoreResult>(scorers.Count);
        var measures = new RunMeasuresContext(latency, inputTokens + outputTokens, cost);
        var question = new AiChatMessage(AiChatRole.User, string.Join("\n", item.Case.Inputs.Select(kv => $"{kv.Key}: {kv.Value}")));
        foreach (var scorer in scorers)
        {
            if (error is not null)
            {
                scores.Add(new ScoreResult(scorer.Name, null, false, "The run did not complete: " + error));
                continue;
            }
            var response = new AiChatResponse(new AiChatMessage(AiChatRole.Assistant, scorer.Actual(outputs, steps)));
            var contexts = new List<Microsoft.Extensions.AI.Evaluation.EvaluationContext>(3) { measures };
            if (scorer.Expected(item.Case) is { } expected) contexts.Add(new ExpectedContext(expected));
            if (scorer.Passages(steps) is { } passages) contexts.Add(new RetrievedContext(passages));
            var result = await scorer.Scorer.EvaluateAsync([question], response, null, contexts, ct).ConfigureAwait(false);
            scores.Add(Read(scorer.Name, result));
        }

        return new CaseResult(evaluationId, item.Ordinal, item.Repeat, item.Case.Id, item.RunId,
            error is null && scores.TrueForAll(s => s.Passed), error, latency, inputTokens, outputTokens, cost,
            JsonSerializer.Serialize(outputs, RunEventJson.Options), scores);
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
