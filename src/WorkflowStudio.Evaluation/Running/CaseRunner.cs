using System.Text.Json;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Data.Runs;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>Runs one case through the workflow (its events to the run sink, so the trace opens like any run) and scores it.</summary>
internal sealed class CaseRunner(Runner runner, IRunEventSink sink, Workflow workflow, RunScorers scorers, TimeSpan caseTimeout, bool cache, string evaluationId,
    Func<WorkflowStudio.Data.Datasets.DatasetCase, IReadOnlyDictionary<string, string>> inputsOf)
{
    public async Task<CaseResult> RunAsync(WorkItem item, CancellationToken ct)
    {
        var options = new RunOptions
        {
            RunId = item.RunId, TimeLimit = caseTimeout,
            // Nobody follows a case as it runs: whole answers, without a chunk event per word to store.
            StreamText = false,
            ModelPolicy = cache ? new ModelPolicy { UseCache = true, CacheVariant = item.Repeat } : null,
        };
        var run = new RunOutcome(scorers.CheckedSteps);
        await foreach (var e in runner.RunAsync(workflow, inputsOf(item.Case), options, ct).ConfigureAwait(false))
        {
            sink.Write(e);
            run.Add(e);
            if (run.Cancelled) ct.ThrowIfCancellationRequested();
        }

        var scores = await scorers.ScoreAsync(item.Case.Inputs, run, item.Case, ct).ConfigureAwait(false);
        return new CaseResult(evaluationId, item.Ordinal, item.Repeat, item.Case.Id, item.RunId,
            run.Error is null && scores.TrueForAll(s => s.Passed), run.Error, run.Latency, run.InputTokens, run.OutputTokens, run.Cost,
            JsonSerializer.Serialize(run.Outputs, RunEventJson.Options), scores);
    }
}
