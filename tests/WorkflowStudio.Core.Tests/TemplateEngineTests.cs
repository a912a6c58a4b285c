using WorkflowStudio.Core.Templating;

namespace WorkflowStudio.Core.Tests;

public class TemplateEngineTests
{
    private static string Render(string template, Dictionary<string, object?> values) =>
        TemplateEngine.Render(TemplateEngine.Parse(template), name => values.GetValueOrDefault(name));

    [Fact]
    public void Renders_inputs_and_node_outputs()
    {
        var values = new Dictionary<string, object?>
        {
            ["keyword"] = "solar panels",
            ["research"] = new Dictionary<string, object?> { ["text"] = "cheap now" },
        };
        Assert.Equal("About solar panels: cheap now", Render("About {{keyword}}: {{research.text}}", values));
    }

    [Fact]
    public void Finds_the_variables_a_template_reads_but_not_its_own_locals()
    {
        var parsed = TemplateEngine.Parse("{{a}} {{b.text | upcase}} {% for c in d.chunks %}{{c.text}}{% endfor %}{% assign e = a %}{{e}}{% if f.passed %}x{% endif %}");
        Assert.Equal(["a", "b.text", "d.chunks", "f.passed"], parsed.References.Select(r => r.ToString()).Order());
    }

    [Fact]
    public void Plain_text_is_not_parsed()
    {
        var parsed = TemplateEngine.Parse("no variables here");
        Assert.Null(parsed.Fluid);
        Assert.Equal("no variables here", TemplateEngine.Render(parsed, _ => null));
    }

    [Fact]
    public void Syntax_errors_are_reported_not_thrown_at_parse()
    {
        var parsed = TemplateEngine.Parse("Hello {{ name ");
        Assert.NotNull(parsed.Error);
        Assert.Throws<TemplateException>(() => TemplateEngine.Render(parsed, _ => null));
    }

    [Fact]
    public void Templates_cannot_reach_dotnet_members()
    {
        var values = new Dictionary<string, object?> { ["obj"] = new FileInfo("/etc/passwd") };
        Assert.Equal("[][]", Render("[{{obj.FullName}}][{{obj.Directory.Name}}]", values));
    }

    [Theory]
    [InlineData("{% for i in (1..100000000) %}x{% endfor %}", "at most 10,000")]
    [InlineData("{% for i in (1..n) %}x{% endfor %}", "literal numbers")]
    public void Huge_or_unbounded_ranges_are_refused_when_parsed(string template, string message)
    {
        var parsed = TemplateEngine.Parse(template);
        Assert.Contains(message, parsed.Error);
        Assert.Throws<TemplateException>(() => TemplateEngine.Render(parsed, _ => null));
    }

    [Fact]
    public void Long_running_templates_stop_at_the_step_limit()
    {
        var parsed = TemplateEngine.Parse("{% for i in (1..10000) %}{% for j in (1..10000) %}x{% endfor %}{% endfor %}");
        Assert.Null(parsed.Error);
        Assert.Throws<TemplateException>(() => TemplateEngine.Render(parsed, _ => null));
    }

    [Theory]
    [InlineData("ticket contains \"refund\"", "I want a refund", "true")]
    [InlineData("ticket contains \"refund\"", "It broke", "false")]
    public void Conditions_evaluate_to_true_or_false(string expression, string ticket, string expected)
    {
        Assert.Equal(expected, TemplateEngine.Render(TemplateEngine.ParseCondition(expression), n => n == "ticket" ? ticket : null));
    }
}
