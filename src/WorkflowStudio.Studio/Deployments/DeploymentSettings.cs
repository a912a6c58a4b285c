using WorkflowStudio.Data;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Studio.Monitoring;

namespace WorkflowStudio.Studio.Deployments;

/// <summary>Settings of a release tag that change without a new version: whether its model calls keep prompt and answer text.</summary>
public sealed class DeploymentSettings(IModelCallStore store, IWorkflowStore workflows, ModelCallRecorder recorder)
{
    public Task<bool> GetRecordTextAsync(string workflowId, string tag, CancellationToken ct = default) =>
        store.GetRecordTextAsync(workflowId, tag, ct);

    /// <exception cref="StoreException">The workflow has no such tag.</exception>
    public async Task SetRecordTextAsync(string workflowId, string tag, bool recordText, CancellationToken ct = default)
    {
        if (await workflows.GetTaggedVersionAsync(workflowId, tag, ct) is null)
            throw new StoreException($"Workflow '{workflowId}' has no tag '{tag}'.", StoreErrorKind.NotFound);
        await store.SetRecordTextAsync(workflowId, tag, recordText, ct);
        recorder.TagSettingsChanged(workflowId, tag);
    }
}
