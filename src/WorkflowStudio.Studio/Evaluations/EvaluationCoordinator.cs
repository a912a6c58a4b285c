using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Data;
using WorkflowStudio.Evaluation.Comparison;
using WorkflowStudio.Evaluation.Experiments;
using WorkflowStudio.Evaluation.Gate;
using WorkflowStudio.Evaluation.Reports;
using WorkflowStudio.Evaluation.Running;
using WorkflowStudio.Evaluation.Scoring;
using WorkflowStudio.Studio.Configuration;
using WorkflowStudio.Studio.Security;
using WorkflowStudio.Studio.Versions.Diff;

namespace WorkflowStudio.Studio.Evaluations;

/// <summary>What to evaluate: a workflow at a version (or a release tag, or its latest version when neither is given) over a dataset version.</summary>
public sealed record EvaluationStart(
    string WorkflowId, int? Version, string? Tag, string DatasetId, int DatasetVersion,
    IReadOnlyList<ScorerSpec> Scorers, int Repeats = 1, int Concurrency = 4, bool Cache = true);

/// <summary>
/// An experiment: the versions (the latest when empty) × the prompt variants × the models, over one dataset version.
/// The saved prompt and the saved model are always among the variants.
/// </summary>
public sealed record ExperimentStart(
    string WorkflowId, IReadOnlyList<int> Versions, string DatasetId, int DatasetVersion, IReadOnlyList<ScorerSpec> Scorers,
    IReadOnlyList<PromptVariant> Prompts, IReadOnlyList<string> Models, int Repeats = 1, int Concurrency = 4, bool Cache = true);

/// <summary>
/// An evaluation running in this process. <see cref="Changed"/> fires on a worker thread after every case and once
/// when it ends, so a page can follow it and a page opened later reads <see cref="Progress"/> where it stands.
/// </summary>
public sealed class LiveEvaluation(string id, int total)
{
    private volatile EvaluationProgress _progress = new(0, total, 0, 0);

    public string Id { get; } = id;
    public EvaluationProgress Progress => _progress;
    public event Action<LiveEvaluation>? Changed;
    /// <summary>Completes (never faults) once the evaluation has stopped here and its status is stored.</summary>
    public Task Ended => Completion;
    internal CancellationTokenSource Cancellation { get; } = new();
    internal Task Completion { get; set; } = Task.CompletedTask;

    internal void Report(EvaluationProgress progress)
    {
        // Workers report concurrently and may arrive out of order; the furthest point wins.
        if (progress.Done >= _progress.Done) _progress = progress;
        Changed?.Invoke(this);
    }

    internal void End() => Changed?.Invoke(this);
}

/// <summary>
/// Evaluations for the browser. Like runs, an evaluation belongs to the server: it keeps going when the page that
/// started it closes, and anyone in the process can follow its progress; results and status are read from storage.
/// </summary>
public sealed class EvaluationCoordinator(
    EvaluationService engine, ExperimentService experiments, IEvaluationStore evaluations, IWorkflowStore workflows, IOptions<StudioOptions> options,
    ILogger<EvaluationCoordinator> log) : IHostedService
{
    private readonly ConcurrentDictionary<string, LiveEvaluation> _live = new(StringComparer.Ordinal);
    // Set when the host stops: evaluations cancelled then are interrupted, not cancelled, and the next start resumes them.
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The start-up resumption of evaluations the last stop or crash interrupted: done once each is running again.</summary>
    public Task Resumption { get; private set; } = Task.CompletedTask;

    /// <summary>Records the evaluation (every problem is refused here, before anything runs) and runs it in the background.</summary>
    public async Task<EvaluationRecord> StartAsync(EvaluationStart start, CancellationToken ct = default, string? author = null,
        StudioRole role = StudioRole.Owner)
    {
        WorkflowPermissions.EnsureMayRun(role);
        var version = await ResolveVersionAsync(start, ct);
        var record = await engine.CreateAsync(new EvaluationRequest(start.WorkflowId, version, start.DatasetId, start.DatasetVersion,
            Spec(start.Scorers, start.Repeats, start.Concurrency, start.Cache), author ?? options.Value.Author), ct);
        await LaunchAsync(record, ct);
        return record;
    }

    /// <summary>Records every cell of the experiment (nothing when one cannot run) and runs them side by side in the background.</summary>
    public async Task<IReadOnlyList<EvaluationRecord>> StartExperimentAsync(ExperimentStart start, CancellationToken ct = default, string? author = null,
        StudioRole role = StudioRole.Owner)
    {
        WorkflowPermissions.EnsureMayRun(role);
        IReadOnlyList<int> versions = start.Versions.Count > 0 ? start.Versions
            : [await ResolveVersionAsync(new EvaluationStart(start.WorkflowId, null, null, start.DatasetId, start.DatasetVersion, start.Scorers), ct)];
        var cells = await experiments.CreateAsync(new ExperimentRequest(start.WorkflowId, versions, start.DatasetId, start.DatasetVersion,
            Spec(start.Scorers, start.Repeats, start.Concurrency, start.Cache), author ?? options.Value.Author)
        {
            Prompts = start.Prompts, Models = start.Models,
        }, ct);
        foreach (var cell in cells) await LaunchAsync(cell, ct);
        return cells;
    }

    /// <summary>
    /// Runs an evaluation that ended early (cancelled, failed or interrupted) again; only the cases without a result run.
    /// A running or completed one is left as it is.
    /// </summary>
    public async Task<bool> ResumeAsync(string evaluationId, StudioRole role = StudioRole.Owner, CancellationToken ct = default)
    {
        WorkflowPermissions.EnsureMayRun(role);
        var record = await evaluations.GetAsync(evaluationId, ct) ?? throw new StoreException($"There is no evaluation '{evaluationId}'.", StoreErrorKind.NotFound);
        if (record.Status == EvaluationStatus.Completed || _live.ContainsKey(evaluationId)) return false;
        await LaunchAsync(record, ct);
        return true;
    }

    /// <summary>The comparison table, read from storage: what has finished so far while the cells run.</summary>
    public Task<ExperimentTable> GetExperimentAsync(string experimentId, CancellationToken ct = default) => experiments.GetTableAsync(experimentId, ct);

    private EvaluationSpec Spec(IReadOnlyList<ScorerSpec> scorers, int repeats, int concurrency, bool cache) => new()
    {
        Scorers = scorers, Repeats = repeats, Concurrency = concurrency, CaseTimeoutSeconds = options.Value.Limits.RunTimeoutSeconds, Cache = cache,
    };

    private async Task LaunchAsync(EvaluationRecord record, CancellationToken ct)
    {
        var total = (await engine.GetSummaryAsync(record.Id, ct)).Total;
        var live = new LiveEvaluation(record.Id, total);
        if (!_live.TryAdd(record.Id, live)) return;
        live.Completion = Task.Run(() => RunAsync(live));
    }

    private async Task ResumeInterruptedAsync(CancellationToken ct)
    {
        IReadOnlyList<EvaluationRecord> unfinished;
        try
        {
            unfinished = await evaluations.ListUnfinishedAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Could not read which evaluations to resume");
            return;
        }
        foreach (var record in unfinished)
        {
            try
            {
                log.LogInformation("Resuming evaluation {EvaluationId}, interrupted when the studio last stopped", record.Id);
                await LaunchAsync(record, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Its version or dataset may be gone since; the others still resume.
                log.LogError(e, "Evaluation {EvaluationId} could not be resumed", record.Id);
                await evaluations.SetStatusAsync(record.Id, EvaluationStatus.Failed, CancellationToken.None);
            }
        }
    }

    /// <summary>The evaluation while it runs in this process; null once it has ended (read its summary instead).</summary>
    public LiveEvaluation? Follow(string evaluationId) => _live.GetValueOrDefault(evaluationId);

    public bool Cancel(string evaluationId)
    {
        if (!_live.TryGetValue(evaluationId, out var live)) return false;
        live.Cancellation.Cancel();
        return true;
    }

    /// <summary>Newest first.</summary>
    public Task<IReadOnlyList<EvaluationRecord>> ListAsync(string workflowId, CancellationToken ct = default) => evaluations.ListAsync(workflowId, 50, ct);

    public Task<EvaluationRecord?> GetAsync(string evaluationId, CancellationToken ct = default) => evaluations.GetAsync(evaluationId, ct);

    public Task<EvaluationSummary> GetSummaryAsync(string evaluationId, CancellationToken ct = default) => engine.GetSummaryAsync(evaluationId, ct);

    public async Task<IReadOnlyList<CaseResult>> GetResultsAsync(string evaluationId, CancellationToken ct = default) =>
        await engine.ReadResultsAsync(evaluationId, ct).ToListAsync(ct);

    public Task<EvaluationComparison> CompareAsync(string baselineId, string candidateId, CancellationToken ct = default) =>
        engine.CompareAsync(baselineId, candidateId, ct);

    /// <summary>One case's outputs in the two evaluations, word-diffed; null when either has no result for the case.</summary>
    public async Task<CaseOutputs?> CompareOutputsAsync(string baselineId, string candidateId, string caseId, CancellationToken ct = default)
    {
        var before = (await evaluations.GetCaseOutputsAsync(baselineId, caseId, ct)).FirstOrDefault();
        var after = (await evaluations.GetCaseOutputsAsync(candidateId, caseId, ct)).FirstOrDefault();
        return before is null || after is null ? null : new CaseOutputs(caseId, before.RunId, after.RunId, WordDiffer.Compare(Shown(before), Shown(after)));

        // A failed run has no output to read; its reason stands in for it, so the side-by-side still says what happened.
        static string Shown(CaseOutput result) => result.Error is { } error ? $"(run failed: {error})" : OutputText.OfOutputs(result.OutputsJson);
    }

    /// <summary>The self-contained HTML report the CLI writes with <c>--report</c>; with no thresholds, "passed" means every case passed.</summary>
    public async Task<string> ReportAsync(string evaluationId, CancellationToken ct = default)
    {
        var record = await evaluations.GetAsync(evaluationId, ct) ?? throw new StoreException($"There is no evaluation '{evaluationId}'.", StoreErrorKind.NotFound);
        var summary = await engine.GetSummaryAsync(evaluationId, ct);
        var cases = await engine.ReadResultsAsync(evaluationId, ct).Select(ReportCase.From).ToListAsync(ct);
        var thresholds = new[] { Threshold.Parse("passRate>=1").Check(summary) };
        return HtmlReport.Build(new EvaluationReport(record.Id, record.WorkflowId, record.VersionNumber, record.DatasetId, record.DatasetVersion, summary, thresholds, cases)
        {
            Passed = thresholds.All(t => t.Passed),
        });
    }

    /// <summary>The version a start names: its number, its release tag's version, or the latest.</summary>
    public async Task<int> ResolveVersionAsync(EvaluationStart start, CancellationToken ct = default)
    {
        if (start.Version is { } number) return number;
        if (!string.IsNullOrWhiteSpace(start.Tag))
            return (await workflows.ListTagsAsync(start.WorkflowId, ct)).FirstOrDefault(t => t.Name == start.Tag)?.VersionNumber
                ?? throw new StoreException($"Workflow '{start.WorkflowId}' has no tag '{start.Tag}'.", StoreErrorKind.NotFound);
        return (await workflows.GetLatestVersionAsync(start.WorkflowId, ct))?.Number
            ?? throw new StoreException($"There is no workflow '{start.WorkflowId}'.", StoreErrorKind.NotFound);
    }

    private async Task RunAsync(LiveEvaluation live)
    {
        try
        {
            await engine.RunAsync(live.Id, new InlineProgress(live.Report), live.Cancellation.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            await evaluations.SetStatusAsync(live.Id, EvaluationStatus.Interrupted, CancellationToken.None);
            log.LogInformation("Evaluation {EvaluationId} interrupted by the studio stopping; the next start resumes it", live.Id);
        }
        catch (OperationCanceledException) when (live.Cancellation.IsCancellationRequested)
        {
            log.LogInformation("Evaluation {EvaluationId} cancelled", live.Id);
        }
        catch (Exception e)
        {
            // The engine has already marked it Failed; the page reads the status from storage.
            log.LogError(e, "Evaluation {EvaluationId} failed", live.Id);
        }
        finally
        {
            _live.TryRemove(live.Id, out _);
            live.End();
        }
    }

    /// <summary>Resumes, in the background, the evaluations the last stop or crash left unfinished, so the start is not held up.</summary>
    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        Resumption = Task.Run(() => ResumeInterruptedAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Interrupts what is running; each keeps the results it has, and the next start resumes it.</summary>
    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await Resumption.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
        var running = _live.Values.ToList();
        foreach (var live in running) live.Cancellation.Cancel();
        await Task.WhenAll(running.Select(l => l.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reports on the worker's thread: <see cref="Progress{T}"/> would post to a captured context in a test or none at all.</summary>
    private sealed class InlineProgress(Action<EvaluationProgress> report) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => report(value);
    }
}
