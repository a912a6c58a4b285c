using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.CodeSync.Tests;

/// <summary>Hand-made workflows the tests start from.</summary>
internal static class SampleWorkflows
{
    public static Workflow SeoArticle() => new WorkflowBuilder("seo-article", "SEO article")
        .Description("Researches a keyword, writes an article and has an editor check it.")
        .Input("keyword")
        .Input("audience", i => i.Description("Who reads the article").Required(false))
        .Tool("research", t => t.Use("web.search").Arg("query", "{{keyword}}").Arg("limit", "5"))
        .Prompt("writer", p => p.Model("gpt-4o").System("You write for {{audience}}.")
            .User("Write about {{keyword}}\nusing {{research.text}}.\n\nBe \"concise\".").Memory().Temperature(0.3))
        .Judge("editor", j => j.Rubric("Clear, accurate, covers the gaps").Scale(JudgeScale.OneToFive).PassAt(0.8))
        .Output("article", "{{writer.text}}")
        .Edge("keyword", "research").Edge("research", "writer").Edge("writer", "editor")
        .Edge("editor.fail", "writer", maxLoops: 3).Edge("editor.pass", "article")
        .Layout(("keyword", 0, 0), ("audience", 0, 120), ("research", 240, 0), ("writer", 480, 60), ("editor", 720, 60), ("article", 960, 60.5))
        .Build();
}
