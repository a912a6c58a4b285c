using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Evaluation.Running;
using WorkflowStudio.Evaluation.Scoring;
using WorkflowStudio.Studio.Runs;
using WorkflowStudio.Studio.Security;

namespace WorkflowStudio.Studio.Evaluations;

/// <summary>
/// Online evaluation: scorers attached to a release tag score a sample of its live runs. A deployment call only offers its
/// run (a coin toss against the tag's rate and a non-blocking enqueue); background workers wait for the run to end, score
/// it with the same scorers evaluations use, and store the scores. A full queue drops the run and counts it.
/// </summary>
public sealed class OnlineEvaluation(
    IOnlineEvaluationStore store, IWorkflowStore workflows, IRunFeed feed, RunHistory history, EvaluationService engine, TimeProvider time,
    IOptions<OnlineEvaluationOptions> options, ILogger<OnlineEvaluation> log) : IHostedService
{
    private sealed record SampledRun(string RunId, string WorkflowId, string Tag, OnlineEvaluationSetting Setting);

    private readonly Channel<SampledRun> _queue = Channel.CreateBounded<SampledRun>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
    });
    // The settings of every tag, read once at start and replaced on each change, so offering a run never touches the database.
    private readonly ConcurrentDictionary<(string, string), OnlineEvaluationSetting> _settings = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _workers = Task.CompletedTask;
    private long _sampled, _scored, _dropped, _failed;

    public long Sampled => Interlocked.Read(ref _sampled);
    public long Scored => Interlocked.Read(ref _scored);
    public long Dropped => Interlocked.Read(ref _dropped);
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Raised on a worker thread after a sampled run's scores are stored (or it could not be scored).</summary>
    public event Action<string>? RunScored;

    public OnlineEvaluationSetting? Get(string workflowId, string tag) => _settings.GetValueOrDefault((workflowId, tag));

    /// <summary>
    /// Attaches scorers to a tag with a sample rate from 0 (off) to 1 (every run); no scorers removes online evaluation.
    /// The scorers are checked against the version the tag serves now.
    /// </summary>
    /// <exception cref="ArgumentException">A bad rate or scorer, with what to fix.</exception>
    /// <exception cref="StoreException">No such tag, or a role that may not change deployments.</exception>
    public async Task SetAsync(string workflowId, string tag, IReadOnlyList<ScorerSpec> scorers, double sampleRate, StudioRole role = StudioRole.Owner,
        CancellationToken ct = default)
    {
        WorkflowPermissions.EnsureMayManage(role, "change a deployment's online evaluation");
        if (!double.IsFinite(sampleRate) || sampleRate is < 0 or > 1)
            throw new ArgumentException("The sample rate must be between 0 (off) and 1 (every run), e.g. 0.1 for one run in ten.");
        var version = await workflows.GetTaggedVersionAsync(workflowId, tag, ct)
            ?? throw new StoreException($"Workflow '{workflowId}' has no tag '{tag}'.", StoreErrorKind.NotFound);
        if (scorers.Count == 0)
        {
            await store.SetSettingsAsync(workflowId, tag, null, 0, ct);
            _settings.TryRemove((workflowId, tag), out _);
            return;
        }
        await engine.BindAsync(version.Definition, scorers, ct);
        await store.SetSettingsAsync(workflowId, tag, JsonSerializer.Serialize(scorers, EvaluationSpec.Json), sampleRate, ct);
        _settings[(workflowId, tag)] = new OnlineEvaluationSetting(workflowId, tag, scorers, sampleRate);
    }

    /// <summary>
    /// A deployment run has started: with the tag's sample rate, queue it for scoring once it ends. Never waits and never
    /// throws; a full queue counts the run as dropped.
    /// </summary>
    public void Offer(string runId, string workflowId, string tag)
    {
        if (!_settings.TryGetValue((workflowId, tag), out var setting) || setting.SampleRate <= 0) return;
        if (setting.SampleRate < 1 && Random.Shared.NextDouble() >= setting.SampleRate) return;
        Interlocked.Increment(ref _sampled);
        if (!_queue.Writer.TryWrite(new SampledRun(runId, workflowId, tag, setting))) Interlocked.Increment(ref _dropped);
    }

    /// <summary>Online pass rate per tag and interval over [from, to), optionally of one workflow and tag.</summary>
    public async Task<OnlineEvaluationOverview> OverviewAsync(DateTimeOffset from, DateTimeOffset to, TimeSpan interval, string? workflowId = null, string? tag = null,
        CancellationToken ct = default)
    {
        var scores = await store.ListScoresAsync(from, to, workflowId, tag, ct: ct);
        var points = scores.GroupBy(s => (s.WorkflowId, s.Tag, Slot: (long)((s.ScoredAt - from) / interval)))
            .OrderBy(g => g.Key.WorkflowId, StringComparer.Ordinal).ThenBy(g => g.Key.Tag, StringComparer.Ordinal).ThenBy(g => g.Key.Slot)
            .Select(g => new OnlinePassRatePoint(g.Key.WorkflowId, g.Key.Tag, from + interval * g.Key.Slot, g.Count(), g.Count(s => s.Passed)))
            .ToList();
        return new OnlineEvaluationOverview(points, scores.Count, scores.Count(s => s.Passed), Sampled, Scored, Dropped, Failed);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var saved in await store.ListSettingsAsync(cancellationToken))
        {
            try
            {
                var scorers = JsonSerializer.Deserialize<List<ScorerSpec>>(saved.ScorersJson, EvaluationSpec.Json) ?? [];
                _settings[(saved.WorkflowId, saved.Tag)] = new OnlineEvaluationSetting(saved.WorkflowId, saved.Tag, scorers, saved.SampleRate);
            }
            catch (JsonException e)
            {
                log.LogError(e, "The online evaluation of {WorkflowId}/{Tag} could not be read; it is off", saved.WorkflowId, saved.Tag);
            }
        }
        _workers = Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => WorkAsync(_stopping.Token), CancellationToken.None)));
    }

    /// <summary>Stops scoring; runs still queued are not scored (they are counted as sampled but never as scored).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _workers.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await ScoreAsync(item, ct).ConfigureAwait(false);
                    Interlocked.Increment(ref _scored);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _failed);
                    log.LogError(e, "Online evaluation of run {RunId} failed", item.RunId);
                }
                RunScored?.Invoke(item.RunId);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task ScoreAsync(SampledRun item, CancellationToken ct)
    {
        var record = await history.GetAsync(item.RunId, ct) ?? throw new StoreException($"There is no run '{item.RunId}'.", StoreErrorKind.NotFound);
        var version = await workflows.GetVersionAsync(item.WorkflowId, record.VersionNumber, ct)
            ?? throw new StoreException($"Workflow '{item.WorkflowId}' has no version {record.VersionNumber}.", StoreErrorKind.NotFound);
        var scorers = await engine.BindAsync(version.Definition, item.Setting.Scorers, ct);
        // Following the run from its first event waits for its end, and reads it from storage if it has ended already.
        var run = new RunOutcome(scorers.CheckedSteps);
        await foreach (var e in feed.FollowAsync(item.RunId, 0, ct).ConfigureAwait(false)) run.Add(e);
        var scores = await scorers.ScoreAsync(record.Inputs, run, null, ct).ConfigureAwait(false);
        var at = time.GetUtcNow();
        await store.AppendScoresAsync([.. scores.Select(s => new OnlineScore(item.RunId, item.WorkflowId, record.VersionNumber, item.Tag, s.Scorer, s.Value, s.Passed, s.Reason, at))], ct);
    }
}
