using System.Globalization;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Studio.Monitoring;
using WorkflowStudio.Studio.Security;

namespace WorkflowStudio.Studio.Deployments;

/// <summary>
/// Settings of a release tag that change without a new version: whether its model calls keep prompt and answer text,
/// and how they ride out a failing provider (retries, timeout, fallback model, response cache).
/// </summary>
public sealed class DeploymentSettings(IModelCallStore store, IWorkflowStore workflows, ModelCallRecorder recorder, IServiceProvider services)
{
    public const int MaxRetries = 10;
    public const int MinRetryDelayMs = 1;
    public const int MaxRetryDelayMs = 60_000;
    public const double MinTimeoutSeconds = 0.1;
    public const double MaxTimeoutSeconds = 600;

    public Task<bool> GetRecordTextAsync(string workflowId, string tag, CancellationToken ct = default) =>
        store.GetRecordTextAsync(workflowId, tag, ct);

    /// <exception cref="StoreException">The workflow has no such tag.</exception>
    public async Task SetRecordTextAsync(string workflowId, string tag, bool recordText, CancellationToken ct = default)
    {
        await EnsureTagAsync(workflowId, tag, ct);
        await store.SetRecordTextAsync(workflowId, tag, recordText, ct);
        recorder.TagSettingsChanged(workflowId, tag);
    }

    /// <exception cref="StoreException">The workflow has no such tag.</exception>
    public async Task<TagResilience> GetResilienceAsync(string workflowId, string tag, CancellationToken ct = default)
    {
        await EnsureTagAsync(workflowId, tag, ct);
        return await store.GetResilienceAsync(workflowId, tag, ct);
    }

    /// <exception cref="StoreException">The role may not manage deployments, the workflow has no such tag, or a value is out of range (each problem in a sentence).</exception>
    public async Task SetResilienceAsync(string workflowId, string tag, TagResilience resilience, CancellationToken ct = default, StudioRole role = StudioRole.Owner)
    {
        WorkflowPermissions.EnsureMayManage(role, "change how a deployment retries and caches");
        var problems = Problems(resilience);
        if (problems.Count > 0) throw new StoreException(string.Join(" ", problems));
        await EnsureTagAsync(workflowId, tag, ct);
        var fallback = string.IsNullOrWhiteSpace(resilience.FallbackModel) ? null : resilience.FallbackModel.Trim();
        await store.SetResilienceAsync(workflowId, tag, resilience with { FallbackModel = fallback }, ct);
    }

    /// <summary>The policy a call of a tag with <paramref name="settings"/> runs under.</summary>
    public static ModelPolicy ToModelPolicy(TagResilience settings) =>
        new()
        {
            Retries = settings.Retries,
            RetryDelay = TimeSpan.FromMilliseconds(settings.RetryDelayMs),
            AttemptTimeout = settings.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            FallbackModel = settings.FallbackModel,
            UseCache = settings.CacheResponses,
        };

    /// <summary>What is wrong with <paramref name="resilience"/>, one sentence a problem; empty when it can be stored.</summary>
    public IReadOnlyList<string> Problems(TagResilience resilience)
    {
        var problems = new List<string>();
        if (resilience.Retries is < 0 or > MaxRetries)
            problems.Add($"Retries must be 0 to {MaxRetries}; {resilience.Retries} was given.");
        if (resilience.RetryDelayMs is < MinRetryDelayMs or > MaxRetryDelayMs)
            problems.Add($"The first retry delay must be {MinRetryDelayMs} to {MaxRetryDelayMs:N0} ms; {resilience.RetryDelayMs} was given.");
        if (resilience.TimeoutSeconds is { } timeout && (double.IsNaN(timeout) || timeout < MinTimeoutSeconds || timeout > MaxTimeoutSeconds))
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"The timeout must be {MinTimeoutSeconds} to {MaxTimeoutSeconds} seconds, or empty for the configured one; {timeout} was given."));
        if (!string.IsNullOrWhiteSpace(resilience.FallbackModel))
        {
            var fallback = resilience.FallbackModel.Trim();
            if (fallback.Length > StoreLimits.NameLength)
                problems.Add($"The fallback model name is longer than {StoreLimits.NameLength} characters.");
            // The gateway is optional (the studio starts without models); when present it knows which names resolve.
            else if ((services.GetService(typeof(IModelGateway)) as IModelGateway)?.CheckModel(fallback) is { } problem)
                problems.Add($"The fallback model cannot be used: {problem}");
        }
        return problems;
    }

    private async Task EnsureTagAsync(string workflowId, string tag, CancellationToken ct)
    {
        if (await workflows.GetTaggedVersionAsync(workflowId, tag, ct) is null)
            throw new StoreException($"Workflow '{workflowId}' has no tag '{tag}'.", StoreErrorKind.NotFound);
    }
}
