using WorkflowStudio.Core.Validation;
using WorkflowStudio.Web.Designer;

namespace WorkflowStudio.Web.Tests.Designer;

public sealed class ProblemsListTests : StudioTestContext
{
    private static readonly ValidationProblem[] Problems =
    [
        new(Severity.Error, "unknown_variable", "answer", "User", "User prompt of 'answer' uses {{nobody}}, but no step before it is called 'nobody'."),
        new(Severity.Warning, "empty_rubric", "editor", "Rubric", "Judge 'editor' has no rubric."),
        new(Severity.Error, "missing_id", null, "id", "The workflow needs an id."),
    ];

    [Fact]
    public void Every_problem_is_listed_with_its_place_severity_and_sentence()
    {
        var list = Render<ProblemsList>(p => p.Add(c => c.Problems, Problems));

        var rows = list.FindAll("[data-testid^=problem-]");
        Assert.Equal(3, rows.Count);
        Assert.Contains("answer.User", rows[0].TextContent);
        Assert.Contains("uses {{nobody}}", rows[0].TextContent);
        Assert.Contains("error", rows[0].ClassList);
        Assert.Contains("warning", rows[1].ClassList);
        Assert.Contains("workflow.id", rows[2].TextContent);
    }

    [Fact]
    public void Clicking_a_problem_reports_it()
    {
        ValidationProblem? selected = null;
        var list = Render<ProblemsList>(p => p.Add(c => c.Problems, Problems).Add(c => c.OnSelect, problem => selected = problem));

        list.Find("[data-testid=problem-1]").Click();

        Assert.Equal(Problems[1], selected);
    }

    [Fact]
    public void No_problems_says_the_workflow_is_ready()
    {
        var list = Render<ProblemsList>(p => p.Add(c => c.Problems, []));

        Assert.Contains("ready to run", list.Find("[data-testid=problems-none]").TextContent);
    }
}
