using System.Threading.Channels;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Evaluation.Comparison;
using WorkflowStudio.Evaluation.Scoring;
using WorkflowStudio.Evaluation.Statistics;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>
/// The one entry point for evaluations, for the studio, the CLI and the API: create one (checked up front), run or
/// resume it (only cases without a result run), read its summary, compare two.
/// </summary>
public sealed class EvaluationService(
    IWorkflowStore workflows, IDatasetStore datasets, IEvaluationStore evaluations, IRunEventSink sink,
    IModelGateway models, IRetriever retriever, IToolRegistry tools, ScorerFactory scorers, EvaluationOptions options, TimeProvider time)
{
    private readonly Runner _runner = new(new EchoModelGateway(models), retriever, tools);

    /// <summary>Checks the request (version, dataset, scorers, limits) and records the evaluation; nothing runs yet.</summary>
    public async Task<EvaluationRecord> CreateAsync(EvaluationRequest request, CancellationToken ct = default)
    {
        await CheckAsync(request, ct);
        return await evaluations.CreateAsync(new NewEvaluation(
            "eval-" + Guid.NewGuid().ToString("N")[..12], request.WorkflowId, request.VersionNumber, request.DatasetId, request.DatasetVersion,
            request.Spec.ModelOverride, request.Spec.Repeats, request.Spec.ToJson(), request.StartedBy)
        {
            ExperimentId = request.ExperimentId, Variant = request.Variant,
        }, ct);
    }

    /// <summary>Refuses a request that could not run (missing version or dataset, bad scorer, prompt variant or limit) without recording anything.</summary>
    public async Task CheckAsync(EvaluationRequest request, CancellationToken ct = default)
    {
        var (version, _, scorerWorkflows) = await ReadInputsAsync(request.WorkflowId, request.VersionNumber, request.DatasetId, request.DatasetVersion, request.Spec, ct);
        _ = Bind(Prepare(version.Definition, request.Spec), request.Spec, scorerWorkflows);
    }

    /// <summary>
    /// Binds scorers to a workflow outside any evaluation (online evaluation of live runs); every problem is an
    /// <see cref="ArgumentException"/> saying what to fix.
    /// </summary>
    public async Task<RunScorers> BindAsync(Workflow workflow, IReadOnlyList<ScorerSpec> scorers, CancellationToken ct = default)
    {
        var spec = new EvaluationSpec { Scorers = scorers };
        return new RunScorers(Bind(workflow, spec, await ScorerWorkflowsAsync(spec, ct)));
    }

    /// <summary>
    /// Runs every case × repeat that has no result yet, <see cref="EvaluationSpec.Concurrency"/> at a time, and
    /// returns the summary. Cancelling stops it (status Cancelled, then <see cref="OperationCanceledException"/>);
    /// running it again resumes.
    /// </summary>
    public async Task<EvaluationSummary> RunAsync(string evaluationId, IProgress<EvaluationProgress>? progress = null, CancellationToken ct = default)
    {
        var evaluation = await evaluations.GetAsync(evaluationId, ct)
            ?? throw new StoreException($"There is no evaluation '{evaluationId}'.", StoreErrorKind.NotFound);
        var spec = EvaluationSpec.FromJson(evaluation.SpecJson);
        var inputsQuery = ReadInputsAsync(evaluation.WorkflowId, evaluation.VersionNumber, evaluation.DatasetId, evaluation.DatasetVersion, spec, ct);
        var finishedQuery = evaluations.GetFinishedAsync(evaluationId, ct);
        await Task.WhenAll(inputsQuery, finishedQuery);
        var ((version, dataset, scorerWorkflows), finished) = (inputsQuery.Result, finishedQuery.Result);
        var workflow = Prepare(version.Definition, spec);
        var inputs = spec.IsolateStep is null ? (Func<DatasetCase, IReadOnlyDictionary<string, string>>)(c => c.Inputs) : c => StepIsolation.Inputs(workflow, c);
        var runner = new CaseRunner(_runner, sink, workflow, new RunScorers(Bind(workflow, spec, scorerWorkflows)),
            TimeSpan.FromSeconds(spec.CaseTimeoutSeconds), spec.Cache, evaluationId, inputs);

        var counter = new ProgressCounter(dataset.CaseCount * spec.Repeats, finished.Count, progress);
        await evaluations.SetStatusAsync(evaluationId, EvaluationStatus.Running, ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writer = new ResultWriter(evaluations, sink, options.ResultBatchSize);
        try
        {
            // A case's run is created through the sink, ahead of its events in the sink's queue, so a worker starts the
            // case without waiting for the row; the bound keeps the producer a few waves ahead of the workers.
            var ahead = Math.Clamp(spec.Concurrency * 4, 64, 1_000);
            var queue = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(ahead) { SingleWriter = true });
            var producer = ProduceAsync(evaluation, finished, ahead, queue.Writer, stop.Token);
            var workers = Enumerable.Range(0, spec.Concurrency).Select(_ => Task.Run(async () =>
            {
                try
                {
                    await foreach (var item in queue.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                    {
                        var result = await runner.RunAsync(item, stop.Token).ConfigureAwait(false);
                        writer.Write(result, item.Created);
                        counter.Add(result);
                    }
                }
                catch
                {
                    stop.Cancel();
                    throw;
                }
            }, CancellationToken.None)).ToList();
            await Task.WhenAll([producer, .. workers]).ConfigureAwait(false);
            await Task.WhenAll(writer.CompleteAsync(), sink.FlushAsync(CancellationToken.None)).ConfigureAwait(false);
            await evaluations.SetStatusAsync(evaluationId, EvaluationStatus.Completed, CancellationToken.None);
        }
        catch (Exception e)
        {
            // What finished before the stop is kept, so a resume does not pay for it again. When storing results is
            // what failed, it fails here again and is not thrown twice: the evaluation ends Failed with the error that stopped it.
            await writer.CompleteAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await sink.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            var cancelled = ct.IsCancellationRequested && e is OperationCanceledException;
            await evaluations.SetStatusAsync(evaluationId, cancelled ? EvaluationStatus.Cancelled : EvaluationStatus.Failed, CancellationToken.None);
            throw;
        }
        return await GetSummaryAsync(evaluationId, CancellationToken.None);
    }

    public async Task<EvaluationSummary> GetSummaryAsync(string evaluationId, CancellationToken ct = default)
    {
        var evaluation = await evaluations.GetAsync(evaluationId, ct)
            ?? throw new StoreException($"There is no evaluation '{evaluationId}'.", StoreErrorKind.NotFound);
        // Independent reads, each on its own connection: made at once, their first-time query compilation shares the cores.
        var datasetQuery = datasets.GetVersionAsync(evaluation.DatasetId, evaluation.DatasetVersion, ct);
        var totalsQuery = evaluations.GetTotalsAsync(evaluationId, ct);
        var latenciesQuery = evaluations.GetLatenciesAsync(evaluationId, ct);
        var scorerTotalsQuery = evaluations.GetScorerTotalsAsync(evaluationId, ct);
        await Task.WhenAll(datasetQuery, totalsQuery, latenciesQuery, scorerTotalsQuery);
        var (dataset, totals, latencies, scorerTotals) = (datasetQuery.Result, totalsQuery.Result, latenciesQuery.Result, scorerTotalsQuery.Result);
        return new EvaluationSummary(evaluationId, evaluation.Status, (dataset?.CaseCount ?? 0) * evaluation.Repeats,
            totals.Results, totals.Passed, totals.Errors, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 95),
            totals.Cost, totals.InputTokens, totals.OutputTokens,
            [.. scorerTotals.Select(s => new ScorerSummary(s.Scorer, s.Count, s.Passed, s.Mean))]);
    }

    /// <summary>Every result with its scores, in case order, read a page at a time.</summary>
    public async IAsyncEnumerable<CaseResult> ReadResultsAsync(string evaluationId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        const int page = 1_000;
        for (var skip = 0; ; skip += page)
        {
            var results = await evaluations.GetResultsAsync(evaluationId, skip, page, ct);
            foreach (var result in results) yield return result;
            if (results.Count < page) yield break;
        }
    }

    /// <summary>Per-scorer deltas with confidence intervals, cases regressed / improved / unchanged, flaky cases.</summary>
    public async Task<EvaluationComparison> CompareAsync(string baselineId, string candidateId, CancellationToken ct = default) =>
        EvaluationComparer.Compare(await evaluations.GetScoresAsync(baselineId, ct), await evaluations.GetScoresAsync(candidateId, ct));

    /// <param name="ahead">
    /// How many run creations may wait in the sink: a case is handed out only once the run created that many cases
    /// earlier is stored, so with a fast model the cases wait for the sink rather than its queue growing in memory.
    /// </param>
    private async Task ProduceAsync(EvaluationRecord evaluation, IReadOnlySet<(int, int)> finished, int ahead, ChannelWriter<WorkItem> queue, CancellationToken ct)
    {
        await Task.Yield();
        var pending = new Queue<Task>(ahead);
        try
        {
            await foreach (var stored in datasets.ReadCasesAsync(evaluation.DatasetId, evaluation.DatasetVersion, ct).ConfigureAwait(false))
            {
                for (var repeat = 0; repeat < evaluation.Repeats; repeat++)
                {
                    if (finished.Contains((stored.Ordinal, repeat))) continue;
                    if (pending.Count == ahead) await pending.Dequeue().WaitAsync(ct).ConfigureAwait(false);
                    var runId = Guid.NewGuid().ToString("N");
                    // Not cancelled with the evaluation: a creation already queued is stored either way.
                    var created = sink.CreateRunAsync(new NewRun(runId, evaluation.WorkflowId, evaluation.VersionNumber, evaluation.StartedBy, stored.Case.Inputs, time.GetUtcNow()), CancellationToken.None);
                    pending.Enqueue(created);
                    await queue.WriteAsync(new WorkItem(stored.Ordinal, repeat, stored.Case, runId, created), ct).ConfigureAwait(false);
                }
            }
            queue.Complete();
        }
        catch (Exception e)
        {
            queue.Complete(e);
            throw;
        }
    }

    private static Workflow Prepare(Workflow definition, EvaluationSpec spec)
    {
        var workflow = ModelOverride.Apply(definition, spec.ModelOverride);
        if (spec.Prompt is { } prompt) workflow = prompt.Apply(workflow);
        return spec.IsolateStep is { } step ? StepIsolation.Isolate(workflow, step) : workflow;
    }

    /// <summary>Checks a spec against a workflow and builds its scorers; every problem is an <see cref="ArgumentException"/> saying what to fix.</summary>
    private List<BoundScorer> Bind(Workflow workflow, EvaluationSpec spec, IReadOnlyDictionary<string, Workflow> scorerWorkflows)
    {
        if (spec.Repeats < 1 || spec.Repeats > options.MaxRepeats) throw new ArgumentException($"Repeats must be 1 to {options.MaxRepeats}.");
        if (spec.Concurrency < 1 || spec.Concurrency > options.MaxConcurrency) throw new ArgumentException($"Concurrency must be 1 to {options.MaxConcurrency}.");
        if (!(spec.CaseTimeoutSeconds > 0)) throw new ArgumentException("The per-case timeout must be positive.");
        if (spec.Scorers.Count == 0) throw new ArgumentException("Give at least one scorer.");
        var duplicate = spec.Scorers.GroupBy(s => s.DisplayName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Two scorers are named '{duplicate.Key}'; give one a name.");
        var mainOutput = workflow.Outputs.FirstOrDefault()?.Id;
        return [.. spec.Scorers.Select(s =>
        {
            // Alone, a step is what every scorer checks.
            if (spec.IsolateStep is { } isolated) s = s with { Step = s.Step ?? isolated };
            if (s.Step is { } step && workflow.FindNode(step) is null)
                throw new ArgumentException($"Scorer '{s.DisplayName}' checks step '{step}', which the workflow does not have.");
            var output = s.Output ?? mainOutput;
            if (s.Step is null && (output is null || workflow.FindNode(output) is not OutputNode))
                throw new ArgumentException($"Scorer '{s.DisplayName}' checks output '{output ?? "(none)"}', which the workflow does not have.");
            return new BoundScorer(s, scorers.Create(s, s.Workflow is { } judge ? scorerWorkflows[judge] : null), output, ContextStep(workflow, s));
        })];
    }

    /// <summary>The saved version, the dataset version and the scorers' workflows, read at once (see <see cref="GetSummaryAsync"/>).</summary>
    private async Task<(WorkflowVersion Version, DatasetVersion Dataset, IReadOnlyDictionary<string, Workflow> ScorerWorkflows)> ReadInputsAsync(
        string workflowId, int versionNumber, string datasetId, int datasetVersion, EvaluationSpec spec, CancellationToken ct)
    {
        var versionQuery = workflows.GetVersionAsync(workflowId, versionNumber, ct);
        var datasetQuery = datasets.GetVersionAsync(datasetId, datasetVersion, ct);
        var scorersQuery = ScorerWorkflowsAsync(spec, ct);
        // All three end before any problem is reported, and in the order they were reported one read at a time.
        await Task.WhenAll(versionQuery, datasetQuery, scorersQuery).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var version = await versionQuery ?? throw new StoreException($"Workflow '{workflowId}' has no saved version {versionNumber}.", StoreErrorKind.NotFound);
        var dataset = await datasetQuery ?? throw new StoreException($"Dataset '{datasetId}' has no version {datasetVersion}.", StoreErrorKind.NotFound);
        return (version, dataset, await scorersQuery);
    }

    /// <summary>The saved definitions the workflow scorers name, by their <see cref="ScorerSpec.Workflow"/> text.</summary>
    private async Task<IReadOnlyDictionary<string, Workflow>> ScorerWorkflowsAsync(EvaluationSpec spec, CancellationToken ct)
    {
        var found = new Dictionary<string, Workflow>(StringComparer.Ordinal);
        foreach (var s in spec.Scorers.Where(s => s.Type == ScorerTypes.Workflow && s.Workflow is not null))
        {
            var text = s.Workflow!;
            if (found.ContainsKey(text)) continue;
            var at = text.LastIndexOf('@');
            var id = at < 0 ? text : text[..at];
            WorkflowStudio.Data.Workflows.WorkflowVersion? version = at < 0
                ? await workflows.GetLatestVersionAsync(id, ct)
                : int.TryParse(text[(at + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                    ? await workflows.GetVersionAsync(id, number, ct)
                    : throw new ArgumentException($"Scorer '{s.DisplayName}': '{text}' should be a workflow id or id@version.");
            found[text] = version?.Definition ?? throw new ArgumentException($"Scorer '{s.DisplayName}': there is no saved workflow '{text}'.");
        }
        return found;
    }

    private static string? ContextStep(Workflow workflow, ScorerSpec s)
    {
        if (!ScorerTypes.Rag.Contains(s.Type)) return null;
        var step = s.Context ?? workflow.Nodes.OfType<RetrievalNode>().FirstOrDefault()?.Id
            ?? throw new ArgumentException($"Scorer '{s.DisplayName}' reads retrieved passages, and the workflow has no retrieval step.");
        return workflow.FindNode(step) is not null ? step
            : throw new ArgumentException($"Scorer '{s.DisplayName}' reads passages from step '{step}', which the workflow does not have.");
    }

    private sealed class ProgressCounter(int total, int alreadyDone, IProgress<EvaluationProgress>? progress)
    {
        private int _done = alreadyDone, _passed, _errors;

        public void Add(CaseResult result)
        {
            var done = Interlocked.Increment(ref _done);
            var passed = result.Passed ? Interlocked.Increment(ref _passed) : Volatile.Read(ref _passed);
            var errors = result.Error is null ? Volatile.Read(ref _errors) : Interlocked.Increment(ref _errors);
            progress?.Report(new EvaluationProgress(done, total, passed, errors));
        }
    }
}
