using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;

namespace Workflows;

public static class SeoArticle
{
    public static Workflow Build() => new WorkflowBuilder("seo-article", "SEO article")
        .Description("Researches a keyword on the web, drafts an article, and has an editor judge send it back for up to three rewrites.")
        .Input("audience", i => i
            .Description("Who the article is for")
            .Default("small business owners")
            .Required(false))
        .Input("keyword", i => i.Description("The search keyword the article should rank for"))
        .Tool("research", t => t.Use("web.search").Arg("query", "{{keyword}}"))
        .Prompt("writer", p => p
            .System("You write clear, accurate, helpful articles for {{audience}}.")
            .User("""
                Write a short article about {{keyword}}.
                Use these research notes:
                {{research.text}}
                {% if editor.reason %}
                The editor's feedback on your last draft: {{editor.reason}}
                {% endif %}
                """)
            .Memory())
        .Judge("editor", j => j
            .Rubric("Clear and accurate, stays on the keyword, and uses the research notes.")
            .Reference("{{research.text}}")
            .PassAt(0.5))
        .Output("article", "{{writer.text}}")
        .Edge("audience", "writer")
        .Edge("keyword", "research")
        .Edge("research", "writer")
        .Edge("writer", "editor")
        .Edge("editor.pass", "article")
        .Edge("editor.fail", "writer", maxLoops: 3)
        .Layout(
            ("audience", 40, 260),
            ("keyword", 40, 80),
            ("research", 300, 80),
            ("writer", 560, 160),
            ("editor", 820, 160),
            ("article", 1080, 160))
        .Build();
}
