using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowStudio.AI.Offline;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Deployments;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Studio.Configuration;
using WorkflowStudio.Studio.Security;

namespace WorkflowStudio.Studio.Runs;

/// <summary>
/// Owns the runs of this process. A run belongs to the server, not to the browser that started it: it keeps going
/// when every viewer leaves, its events go to the SQLite sink and to whoever follows it, and anyone can follow it
/// from any sequence number without a gap or a repeat.
/// </summary>
public sealed class RunCoordinator(
    IServiceProvider services,
    IWorkflowStore workflows,
    IRunStore runs,
    IRunEventSink sink,
    TimeProvider time,
    IOptions<StudioOptions> options,
    ILogger<RunCoordinator> log) : IRunFeed, IHostedService
{
    private const int StoredPage = 1_000;
    private readonly ConcurrentDictionary<string, LiveRun> _active = new(StringComparer.Ordinal);
    // Held only while a start checks the limits and takes its slot, so two starts cannot both take the last one.
    private readonly Lock _slots = new();

    public int ActiveRuns => _active.Count;

    // Resolved at the first run rather than at start-up: the model, retrieval and tool ports come from other
    // features, and the studio must still start (to edit and version workflows) while one is missing.
    private Runner ResolveRunner()
    {
        try
        {
            return services.GetRequiredService<Runner>();
        }
        catch (InvalidOperationException e)
        {
            throw new StoreException($"Runs are not available because the runner is not configured: {e.Message}");
        }
    }

    public async Task<StartedRun> StartAsync(RunRequest request, string startedBy, CancellationToken ct = default, StudioRole role = StudioRole.Owner)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.WorkflowId)) throw new StoreException("Say which workflow to run.");
        WorkflowPermissions.EnsureMayRun(role);
        var runner = ResolveRunner();
        var version = request.ResolvedVersion ?? await FindVersionAsync(request, ct);
        var runId = Guid.CreateVersion7().ToString("N");
        var inputs = request.Inputs ?? new Dictionary<string, string>();
        var deployment = request.Caller is { } caller
            ? new DeploymentRun(runId, caller.ApiKeyId, version.WorkflowId, request.Tag ?? throw new StoreException("A deployment call names its tag."), caller.IdempotencyKey)
            : null;
        var limits = options.Value.Limits;
        var live = new LiveRun(runId, startedBy, limits.FollowerCapacity);
        TakeSlot(live, limits);
        try
        {
            // Through the sink: runs started together share one write, and nothing else writes on the run path.
            await sink.CreateRunAsync(new NewRun(runId, version.WorkflowId, version.Number, startedBy, inputs, time.GetUtcNow())
                { Deployment = deployment, VersionId = version.Summary.Id }, ct);
        }
        catch
        {
            _active.TryRemove(runId, out _);
            throw;
        }

        var runOptions = new RunOptions
        {
            RunId = runId,
            Version = version.Number,
            Tag = request.Tag,
            ModelPolicy = request.ModelPolicy,
            TimeLimit = TimeSpan.FromSeconds(limits.RunTimeoutSeconds),
            Limits = StudioLimits.From(limits),
            Clock = time,
        };
        // Task.Run so a runner that does synchronous work before its first await never holds up the caller.
        _ = Task.Run(() => PumpAsync(runner, live, version, inputs, runOptions, request.Watched));
        log.LogInformation("Run {RunId} of {WorkflowId} v{Version} started by {StartedBy}", runId, version.WorkflowId, version.Number, startedBy);
        return new StartedRun(runId, version.WorkflowId, version.Number);
    }

    private void TakeSlot(LiveRun live, LimitsOptions limits)
    {
        lock (_slots)
        {
            if (_active.Count >= limits.MaxConcurrentRuns)
                throw new StoreException($"The studio is busy: {limits.MaxConcurrentRuns} runs are going, the most it runs at once. Try again when one ends.", StoreErrorKind.Busy);
            if (_active.Values.Count(r => r.StartedBy == live.StartedBy) >= limits.MaxConcurrentRunsPerUser)
                throw new StoreException($"You already have {limits.MaxConcurrentRunsPerUser} runs going, the most one user may run at once. Wait for one to end or cancel one.", StoreErrorKind.Busy);
            _active[live.RunId] = live;
        }
    }

    public bool Cancel(string runId)
    {
        if (!_active.TryGetValue(runId, out var live)) return false;
        live.Cancellation.Cancel();
        return true;
    }

    public bool IsActive(string runId) => _active.ContainsKey(runId);

    public async IAsyncEnumerable<RunEvent> FollowAsync(string runId, long afterSequence, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var follow = _active.TryGetValue(runId, out var live) ? live.Follow(afterSequence) : null;
        if (follow is not null)
        {
            try
            {
                foreach (var e in follow.Backlog) yield return e;
                await foreach (var e in follow.Live.ReadAllAsync(ct)) yield return e;
            }
            finally
            {
                live!.Unfollow(follow.Live);
            }
            yield break;
        }

        // Not live (or it ended a moment ago): a run leaves the live set only after its events are stored.
        if (await runs.GetRunAsync(runId, ct) is null) throw new StoreException($"There is no run '{runId}'.", StoreErrorKind.NotFound);
        var after = afterSequence;
        while (true)
        {
            var page = await runs.GetEventsAsync(runId, after, StoredPage, ct);
            foreach (var e in page) yield return e;
            if (page.Count < StoredPage) yield break;
            after = page[^1].Sequence;
        }
    }

    private async Task<WorkflowVersion> FindVersionAsync(RunRequest request, CancellationToken ct)
    {
        if (request.Version is { } number)
            return await workflows.GetVersionAsync(request.WorkflowId, number, ct)
                   ?? throw new StoreException($"Workflow '{request.WorkflowId}' has no version {number}.", StoreErrorKind.NotFound);
        if (request.Tag is { } tag)
            return await workflows.GetTaggedVersionAsync(request.WorkflowId, tag, ct)
                   ?? throw new StoreException($"Workflow '{request.WorkflowId}' has no tag '{tag}'.", StoreErrorKind.NotFound);
        return await workflows.GetLatestVersionAsync(request.WorkflowId, ct)
               ?? throw new StoreException($"There is no saved workflow '{request.WorkflowId}'; save it before running it.", StoreErrorKind.NotFound);
    }

    private async Task PumpAsync(Runner runner, LiveRun live, WorkflowVersion version, IReadOnlyDictionary<string, string> inputs, RunOptions runOptions, bool watched)
    {
        var last = 0L;
        var ended = false;
        // Everything logged while the run goes (model calls included, since the scope flows into node tasks) carries these.
        using var scope = log.BeginScope(new Dictionary<string, object>
        {
            ["RunId"] = live.RunId, ["WorkflowId"] = version.WorkflowId, ["WorkflowVersion"] = version.Number,
        });
        try
        {
            var events = runner.RunAsync(version.Definition, inputs, runOptions, live.Cancellation.Token);
            await foreach (var e in watched ? OfflinePace.Watched(events) : events)
            {
                sink.Write(e);
                live.Publish(e);
                RunEventLog.Write(log, e);
                last = e.Sequence;
                ended = e.IsTerminal;
            }
        }
        catch (Exception e)
        {
            log.LogError(e, "Run {RunId} stopped with an error outside its nodes", live.RunId);
            if (!ended)
            {
                // The runner promises one terminal event; if it broke that promise, the run must still end for its viewers.
                var failed = new RunFailed("runner_error", "The run stopped because of an internal error; the studio log has the details.")
                    { RunId = live.RunId, Sequence = last + 1, Timestamp = time.GetUtcNow() };
                sink.Write(failed);
                live.Publish(failed);
            }
        }
        finally
        {
            await sink.FlushAsync();
            live.Complete();
            _active.TryRemove(live.RunId, out _);
            live.Finished.TrySetResult();
            log.LogInformation("Run {RunId} ended after {Events} events", live.RunId, last);
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Cancels what is still running so each run ends with its own terminal event stored, rather than "interrupted".</summary>
    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        foreach (var live in _active.Values) live.Cancellation.Cancel();
        var pumps = Task.WhenAll(_active.Values.Select(l => l.Finished.Task));
        try
        {
            await pumps.WaitAsync(TimeSpan.FromSeconds(options.Value.Limits.ShutdownGraceSeconds), cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            log.LogWarning("{Count} runs did not finish before shutdown; they will show as interrupted", _active.Count);
        }
    }
}
