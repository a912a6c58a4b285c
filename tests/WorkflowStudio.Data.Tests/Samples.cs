using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Data.Workflows;

namespace WorkflowStudio.Data.Tests;

internal static class Samples
{
    public static Workflow Article(string id = "seo-article") => new WorkflowBuilder(id, "SEO article")
        .Input("keyword")
        .Prompt("writer", p => p.System("You write clearly.").User("Write about {{keyword}}").Temperature(0.5))
        .Judge("editor", j => j.Rubric("Clear and accurate").PassAt(0.8))
        .Output("article", "{{writer.text}}")
        .Edge("keyword", "writer").Edge("writer", "editor").Edge("editor.fail", "writer", maxLoops: 2).Edge("editor.pass", "article")
        .Layout(("keyword", 0, 0), ("writer", 200, 0), ("editor", 400, 0), ("article", 600, 0))
        .Build();

    public static async Task<WorkflowVersion> SaveNewAsync(IWorkflowStore store, Workflow? workflow = null, string? code = null) =>
        (await store.SaveAsync(new SaveRequest(workflow ?? Article(), "first", "ada", BasedOn: null, code))).Version;

    public static NewRun Run(string runId, string workflowId = "seo-article", int version = 1) =>
        new(runId, workflowId, version, "ada", new Dictionary<string, string> { ["keyword"] = "sqlite" }, DateTimeOffset.UtcNow);

    public static RunEvent Delta(string runId, long sequence) =>
        new NodeDelta($"word{sequence} ") { RunId = runId, Sequence = sequence, NodeId = "writer", Timestamp = DateTimeOffset.UtcNow };
}
