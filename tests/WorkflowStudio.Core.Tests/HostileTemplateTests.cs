using System.Text;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Core.Templating;
using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Core.Tests;

/// <summary>Templates written to exhaust the stack or the heap fail with a clear error and leave the process bounded.</summary>
public class HostileTemplateTests
{
    private const long AllocationBudget = 200_000_000;

    private static string Nested(int depth, string opener = "{% if true %}", string closer = "{% endif %}") =>
        new StringBuilder().Insert(0, opener, depth).Append('x').Insert(opener.Length * depth + 1, closer, depth).ToString();

    [Theory]
    [InlineData("{% if true %}", "{% endif %}")]
    [InlineData("{% for i in (1..2) %}", "{% endfor %}")]
    [InlineData("{% capture c %}", "{% endcapture %}")]
    [InlineData("{% unless false %}", "{% endunless %}")]
    public void Deeply_nested_blocks_are_refused_before_parsing(string opener, string closer)
    {
        var parsed = TemplateEngine.Parse(Nested(3_500, opener, closer));
        Assert.Null(parsed.Fluid);
        Assert.Contains("nested", parsed.Error);
    }

    [Theory]
    [InlineData(3_500, "(")]
    [InlineData(3_500, "[")]
    public void Deeply_nested_brackets_are_refused_before_parsing(int depth, string bracket)
    {
        var parsed = TemplateEngine.Parse("{{ " + new string(bracket[0], depth) + "a" + new string(bracket == "(" ? ')' : ']', depth) + " }}");
        Assert.Null(parsed.Fluid);
        Assert.NotNull(parsed.Error);
    }

    [Theory]
    [InlineData("{% if true", " and true", " %}x{% endif %}")]
    [InlineData("{% if false", " or false", " %}x{% endif %}")]
    [InlineData("{% if 1", " == 1", " %}x{% endif %}")]
    [InlineData("{{ 'a'", " | upcase", " }}")]
    public void Long_operator_chains_in_one_tag_are_refused(string start, string link, string end)
    {
        var parsed = TemplateEngine.Parse(start + string.Concat(Enumerable.Repeat(link, 20_000)) + end);
        Assert.Null(parsed.Fluid);
        Assert.NotNull(parsed.Error);
    }

    [Fact]
    public void Modest_nesting_still_works()
    {
        var parsed = TemplateEngine.Parse(Nested(20));
        Assert.Null(parsed.Error);
        Assert.Equal("x", TemplateEngine.Render(parsed, _ => null));
    }

    [Fact]
    public void The_validator_reports_deep_nesting_as_a_template_problem()
    {
        var workflow = new WorkflowBuilder("w").Input("q").Output("o", Nested(3_500)).Edge("q", "o").Build();
        var problem = Assert.Single(new WorkflowValidator(new WorkflowLimits { MaxTextChars = 1_000_000 }).Validate(workflow), p => p.Code == "template_syntax");
        Assert.Equal(("o", "Value"), (problem.NodeId, problem.Field));
    }

    [Fact]
    public void Text_over_the_length_limit_is_reported_without_being_parsed()
    {
        // Nested deeper than any stack could parse: only skipping the parse lets this return.
        var workflow = new WorkflowBuilder("w").Input("q").Output("o", Nested(200_000)).Edge("q", "o").Build();
        var problems = new WorkflowValidator().Validate(workflow);
        Assert.Contains(problems, p => p is { Code: "text_too_large", NodeId: "o" });
        Assert.DoesNotContain(problems, p => p.Code == "template_syntax");
    }

    public static TheoryData<string> Blowups() =>
    [
        "{% for i in (1..10000) %}{{ q }}{% endfor %}",
        "{% capture s %}{% for i in (1..10000) %}{{ q }}{% endfor %}{% endcapture %}{{ s | size }}",
        "{% assign s = q %}{% for i in (1..40) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s | size }}",
        "{% assign s = q %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}",
        "{% assign s = q %}{% for i in (1..40) %}{% assign s = s | prepend: s %}{% endfor %}{{ s | size }}",
        "{{ q | split: '' | join: q | size }}",
        "{{ q | replace: 'a', q | replace: 'a', q | size }}",
        "{% assign a = q | split: '' %}{% for i in (1..40) %}{% assign a = a | concat: a %}{% endfor %}{{ a | size }}",
        "{{ q | json | json | json | json | json | json | json | json | json | json | json | json | json | json | json | json | json | json | json | json | size }}",
    ];

    [Theory]
    [MemberData(nameof(Blowups))]
    public void Output_growth_fails_fast_with_a_clear_error(string template)
    {
        var q = new string('a', 99_999) + "\"";
        var parsed = TemplateEngine.Parse(template);
        Assert.Null(parsed.Error);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<TemplateException>(() => TemplateEngine.Render(parsed, name => name == "q" ? q : null));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("characters", error.Message);
        Assert.True(allocated < AllocationBudget, $"Rendering allocated {allocated:N0} bytes before failing.");
    }

    [Fact]
    public async Task A_run_whose_template_grows_too_large_fails_that_step_and_ends()
    {
        var workflow = new WorkflowBuilder("w")
            .Input("q")
            .Output("o", "{% for i in (1..10000) %}{{ q }}{% endfor %}")
            .Edge("q", "o")
            .Build();
        var events = await TestSupport.Runner().CollectAsync(workflow, TestSupport.Inputs(("q", new string('a', 20_000))));
        TestSupport.AssertWellFormed(events);
        var failed = Assert.IsType<RunFailed>(events[^1]);
        Assert.Equal("template_error", failed.Code);
        Assert.Contains("1,000,000 characters", failed.Message);
    }
}

/// <summary>A model (or any step) that answers with more text than a run may hold fails its step instead of filling memory and storage.</summary>
public class StepOutputLimitTests
{
    [Fact]
    public async Task An_oversized_step_output_fails_the_step_with_a_clear_error()
    {
        var models = new WorkflowStudio.Core.InProcess.ScriptedModelGateway(_ => new string('a', 2_000_001));
        var workflow = new WorkflowBuilder("w").Input("q").Prompt("p", p => p.User("{{q}}").Stream(false)).Output("o", "{{p.text}}").Edge("q", "p").Edge("p", "o").Build();
        var events = await TestSupport.Runner(models).CollectAsync(workflow, TestSupport.Inputs(("q", "pad")),
            new RunOptions { Limits = new WorkflowLimits { MaxOutputChars = 2_000_000 } });
        TestSupport.AssertWellFormed(events);
        var failed = Assert.IsType<NodeFailed>(events[^2]);
        Assert.Equal(("p", "output_too_large"), (failed.NodeId, failed.Code));
        Assert.DoesNotContain(events, e => e is NodeCompleted { NodeId: "p" });
    }
}
