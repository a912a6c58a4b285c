using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Web.Tests.Designer;

/// <summary>Small workflows the designer tests share.</summary>
public static class SampleWorkflows
{
    /// <summary>question -> search -> answer -> reply, with positions.</summary>
    public static Workflow Chain() => new WorkflowBuilder("chain", "Chain")
        .Input("question")
        .Retrieval("search", r => r.KnowledgeBase("acme-support").Query("{{question}}"))
        .Prompt("answer", p => p.User("Answer {{question}} from {{search.text}}"))
        .Output("reply", "{{answer.text}}")
        .Edge("question", "search").Edge("search", "answer").Edge("answer", "reply")
        .Layout(("question", 0, 0), ("search", 300, 0), ("answer", 600, 0), ("reply", 900, 0))
        .Build();

    /// <summary>A writer looping back from an editor judge, with no positions.</summary>
    public static Workflow Loop() => new WorkflowBuilder("loop")
        .Input("topic")
        .Prompt("writer", p => p.User("Write about {{topic}}"))
        .Judge("editor", j => j.Rubric("Clear"))
        .Output("article", "{{writer.text}}")
        .Edge("topic", "writer").Edge("writer", "editor")
        .Edge("editor.fail", "writer", maxLoops: 3).Edge("editor.pass", "article")
        .Build();
}
