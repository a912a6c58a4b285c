using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Testing;

namespace WorkflowStudio.Data.Tests;

internal static class Samples
{
    public static Workflow Article(string id = "seo-article") => TestWorkflows.Article(id);

    public static async Task<WorkflowVersion> SaveNewAsync(IWorkflowStore store, Workflow? workflow = null, string? code = null) =>
        (await store.SaveAsync(new SaveRequest(workflow ?? Article(), "first", "ada", BasedOn: null, code))).Version;

    public static NewRun Run(string runId, string workflowId = "seo-article", int version = 1) =>
        new(runId, workflowId, version, "ada", new Dictionary<string, string> { ["keyword"] = "sqlite" }, DateTimeOffset.UtcNow);

    public static RunEvent Delta(string runId, long sequence) =>
        new NodeDelta($"word{sequence} ") { RunId = runId, Sequence = sequence, NodeId = "writer", Timestamp = DateTimeOffset.UtcNow };
}
