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
    public void Problems_of_code_text_that_does_not_read_are_listed_with_their_tab_and_line_and_clicking_one_reports_it()
    {
        TextProblem? selected = null;
        var text = new TextProblem(CSharpCodec.Instance, new CodeProblem(12, 5, "; expected"));
        var list = Render<ProblemsList>(p => p.Add(c => c.TextProblems, [text]).Add(c => c.OnSelectText, t => selected = t));

        Assert.Empty(list.FindAll("[data-testid=problems-none]"));
        var row = list.Find("[data-testid=text-problem-0]");
        Assert.Contains("C# line 12, column 5", row.TextContent);
        Assert.Contains("; expected", row.TextContent);

        row.Click();

        Assert.Equal(text, selected);
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
