using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Testing;

/// <summary>Workflows the storage and application-layer tests share.</summary>
public static class TestWorkflows
{
    /// <summary>Input → writer ⇄ editor (a loop of at most 2) → article, laid out left to right.</summary>
    public static Workflow Article(string id = "seo-article") => new WorkflowBuilder(id, "SEO article")
        .Input("keyword")
        .Prompt("writer", p => p.System("You write clearly.").User("Write about {{keyword}}").Temperature(0.5))
        .Judge("editor", j => j.Rubric("Clear and accurate").PassAt(0.8))
        .Output("article", "{{writer.text}}")
        .Edge("keyword", "writer").Edge("writer", "editor").Edge("editor.fail", "writer", maxLoops: 2).Edge("editor.pass", "article")
        .Layout(("keyword", 0, 0), ("writer", 200, 0), ("editor", 400, 0), ("article", 600, 0))
        .Build();
}
