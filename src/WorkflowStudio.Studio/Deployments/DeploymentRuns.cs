using System.Collections.Concurrent;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Deployments;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Studio.Evaluations;
using WorkflowStudio.Studio.Runs;

namespace WorkflowStudio.Studio.Deployments;

/// <summary>A call of a deployment: the tag to run, its inputs, the key that asks, and the caller's optional idempotency key.</summary>
public sealed record DeploymentCall(string WorkflowId, string Tag, IReadOnlyDictionary<string, string> Inputs, string ApiKeyId, string? IdempotencyKey);

/// <summary>The run a call started, or found again when <paramref name="Replayed"/> (a retry with the same idempotency key).</summary>
public sealed record DeploymentStart(string RunId, string WorkflowId, int Version, string Tag, bool Replayed);

/// <summary>How a run ended: its status, outputs when it completed, and the reason when it did not.</summary>
public sealed record DeploymentOutcome(string RunId, string Status, IReadOnlyDictionary<string, object?>? Outputs, string? Error);

/// <summary>
/// Release tags that serve: a call runs the version the tag points at when the call arrives, through the same
/// <see cref="IRunFeed"/> as the designer. The version is resolved once at start, so moving a tag switches new calls
/// and leaves runs in flight on the version they started with.
/// </summary>
public sealed class DeploymentRuns(IRunFeed feed, RunHistory history, IDeploymentStore store, IWorkflowStore workflows, OnlineEvaluation online)
{
    // Each call reads where its tag points (and the tag's settings) in one small query, so a tag moved by any page,
    // key or process switches the next call. Only the version's definition is kept, by its row id: versions never
    // change and ids are never reused, so a kept one is never stale; keeping it also keeps its validated run plan.
    // One entry per tag called, replaced when the tag moves.
    private readonly ConcurrentDictionary<(string WorkflowId, string Tag), WorkflowVersion> _versions = new();

    // Serialises calls that share an idempotency key, so two concurrent retries find one run rather than racing to start
    // two. Striped rather than one lock per key: memory stays bounded however many keys callers send.
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<DeploymentStart> StartAsync(DeploymentCall call, string startedBy, CancellationToken ct = default)
    {
        if (call.IdempotencyKey is null) return await StartNewAsync(call, startedBy, ct);
        if (call.IdempotencyKey.Length is 0 or > StoreLimits.IdempotencyKeyLength || call.IdempotencyKey.Any(char.IsControl))
            throw new StoreException($"An Idempotency-Key must be 1 to {StoreLimits.IdempotencyKeyLength} characters, none of them control characters.");

        var gate = _stripes[(int)((uint)HashCode.Combine(call.ApiKeyId, call.IdempotencyKey) % (uint)_stripes.Length)];
        await gate.WaitAsync(ct);
        try
        {
            if (await store.FindRunAsync(call.ApiKeyId, call.IdempotencyKey, ct) is { } earlier)
            {
                if (earlier.WorkflowId != call.WorkflowId || earlier.Tag != call.Tag)
                    throw new StoreException($"The idempotency key '{call.IdempotencyKey}' was used for {earlier.WorkflowId}/{earlier.Tag}.", StoreErrorKind.Conflict);
                var run = await history.GetAsync(earlier.RunId, ct);
                return new DeploymentStart(earlier.RunId, earlier.WorkflowId, run?.VersionNumber ?? 0, earlier.Tag, Replayed: true);
            }
            return await StartNewAsync(call, startedBy, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Follows the run to its end. It returns when the feed closes rather than at the terminal event: the feed closes
    /// once the run is stored, so whoever reads the run next sees it finished.
    /// </summary>
    public async Task<DeploymentOutcome> WaitAsync(string runId, CancellationToken ct = default)
    {
        DeploymentOutcome? outcome = null;
        await foreach (var e in feed.FollowAsync(runId, 0, ct))
        {
            outcome = e switch
            {
                RunCompleted done => new DeploymentOutcome(runId, "completed", done.Outputs, null),
                RunFailed failed => new DeploymentOutcome(runId, "failed", null, failed.Message),
                RunCancelled => new DeploymentOutcome(runId, "cancelled", null, "The run was cancelled."),
                _ => outcome,
            };
        }
        if (outcome is not null) return outcome;
        // A run stored without a terminal event was cut off by a crash; its record says so.
        var record = await history.GetAsync(runId, ct);
        return new DeploymentOutcome(runId, record?.Status.ToString().ToLowerInvariant() ?? "unknown",
            record?.Outputs?.ToDictionary(o => o.Key, o => (object?)o.Value), record?.Error);
    }

    /// <summary>The run's events from the start, live while it goes.</summary>
    public IAsyncEnumerable<RunEvent> FollowAsync(string runId, CancellationToken ct = default) => feed.FollowAsync(runId, 0, ct);

    /// <summary>The deployment a run came through; null for runs started elsewhere (designer, hub, CLI).</summary>
    public Task<DeploymentRun?> FindAsync(string runId, CancellationToken ct = default) => store.GetRunAsync(runId, ct);

    private async Task<DeploymentStart> StartNewAsync(DeploymentCall call, string startedBy, CancellationToken ct)
    {
        // Read per call, so a change on the Deployments page applies to the next call and never to a run in flight.
        var target = await store.ResolveTagAsync(call.WorkflowId, call.Tag, ct)
                     ?? throw new StoreException($"Workflow '{call.WorkflowId}' has no tag '{call.Tag}'.", StoreErrorKind.NotFound);
        var started = await feed.StartAsync(new RunRequest(call.WorkflowId, call.Inputs, Tag: call.Tag)
        {
            ResolvedVersion = await VersionAsync(call, target, ct),
            ModelPolicy = DeploymentSettings.ToModelPolicy(target.Resilience),
            Caller = new DeploymentCaller(call.ApiKeyId, call.IdempotencyKey),
        }, startedBy, ct);
        online.Offer(started.RunId, started.WorkflowId, call.Tag);
        return new DeploymentStart(started.RunId, started.WorkflowId, started.VersionNumber, call.Tag, Replayed: false);
    }

    private async Task<WorkflowVersion> VersionAsync(DeploymentCall call, TagTarget target, CancellationToken ct)
    {
        var key = (call.WorkflowId, call.Tag);
        if (_versions.TryGetValue(key, out var kept) && kept.Summary.Id == target.VersionId) return kept;
        var version = await workflows.GetVersionAsync(call.WorkflowId, target.VersionNumber, ct);
        // Gone or replaced between the two reads (the workflow deleted, perhaps made again): the tag no longer means it.
        if (version is null || version.Summary.Id != target.VersionId)
            throw new StoreException($"The tag '{call.Tag}' of workflow '{call.WorkflowId}' changed while the call started; call again.", StoreErrorKind.Conflict);
        _versions[key] = version;
        return version;
    }
}
