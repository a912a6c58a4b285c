using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Core.Tests;

/// <summary>Every setting is held to the Min, Max and choices its metadata declares, whichever door the workflow came through.</summary>
public class SettingRangeTests
{
    private static string File(string node) => $$$"""
        {
          "schema": 1, "id": "w", "name": "w",
          "nodes": [ { "kind": "input", "id": "q" }, {{{node}}}, { "kind": "output", "id": "o", "value": "{{x.text}}" } ],
          "edges": [ { "from": "q", "to": "x" }, { "from": "x", "to": "o" } ]
        }
        """;

    [Theory]
    [InlineData("""{ "kind": "prompt", "id": "x", "user": "hi", "timeoutSeconds": -5 }""", "TimeoutSeconds")]
    [InlineData("""{ "kind": "prompt", "id": "x", "user": "hi", "timeoutSeconds": 1e300 }""", "TimeoutSeconds")]
    [InlineData("""{ "kind": "prompt", "id": "x", "user": "hi", "maxTokens": -1 }""", "MaxTokens")]
    [InlineData("""{ "kind": "prompt", "id": "x", "user": "hi", "temperature": 1e308 }""", "Temperature")]
    [InlineData("""{ "kind": "prompt", "id": "x", "user": "hi", "retries": 1000 }""", "Retries")]
    [InlineData("""{ "kind": "prompt", "id": "x", "user": "hi", "semanticCache": true, "semanticCacheThreshold": 0.2 }""", "SemanticCacheThreshold")]
    [InlineData("""{ "kind": "prompt", "id": "x", "user": "hi", "semanticCacheThreshold": 1.5 }""", "SemanticCacheThreshold")]
    [InlineData("""{ "kind": "retrieval", "id": "x", "knowledgeBase": "kb", "query": "q", "topK": 2147483647 }""", "TopK")]
    [InlineData("""{ "kind": "agent", "id": "x", "user": "hi", "maxRounds": 1e6 }""", "MaxRounds")]
    [InlineData("""{ "kind": "agent", "id": "x", "user": "hi", "maxRounds": 1000000 }""", "MaxRounds")]
    [InlineData("""{ "kind": "judge", "id": "x", "rubric": "r", "scale": 7 }""", "Scale")]
    [InlineData("""{ "kind": "judge", "id": "x", "rubric": "r", "scale": "bogus" }""", "Scale")]
    public void Json_values_outside_their_declared_range_are_problems_naming_step_and_field(string node, string field)
    {
        var (_, problems) = new WorkflowValidator().ValidateJson(File(node));
        var problem = Assert.Single(problems, p => p.Severity == Severity.Error && p.Field == field);
        Assert.Equal("x", problem.NodeId);
    }

    [Fact]
    public void An_input_length_below_one_is_a_problem()
    {
        var (_, problems) = new WorkflowValidator().ValidateJson(File("""{ "kind": "prompt", "id": "x", "user": "{{q}}" }""").Replace("""{ "kind": "input", "id": "q" }""", """{ "kind": "input", "id": "q", "maxLength": -1 }"""));
        Assert.Contains(problems, p => p is { Code: "out_of_range", NodeId: "q", Field: "MaxLength" });
    }

    [Fact]
    public void CSharp_values_are_checked_the_same_way()
    {
        const string code = """
            using WorkflowStudio.Core.Building;
            using WorkflowStudio.Core.Model;

            public static class W
            {
                public static Workflow Build() => new WorkflowBuilder("w")
                    .Input("q")
                    .Agent("a", a => a.Task("{{q}}").MaxRounds(1000000).Temperature(1e308))
                    .Edge("q", "a")
                    .Build();
            }
            """;
        var parsed = WorkflowStudio.CodeSync.CSharpCodeParser.Parse(code);
        Assert.Empty(parsed.Diagnostics);
        var problems = new WorkflowValidator().Validate(parsed.Workflow!);
        Assert.Contains(problems, p => p is { Code: "out_of_range", NodeId: "a", Field: "MaxRounds" });
        Assert.Contains(problems, p => p is { Code: "out_of_range", NodeId: "a", Field: "Temperature" });
    }

    [Fact]
    public void Builder_values_are_checked_the_same_way()
    {
        var workflow = new WorkflowBuilder("w")
            .Input("q")
            .Judge("j", j => j.Rubric("r").Scale((JudgeScale)9).PassAt(2).TimeoutSeconds(double.NaN))
            .Edge("q", "j")
            .Build();
        var problems = new WorkflowValidator().Validate(workflow);
        Assert.Contains(problems, p => p is { Code: "invalid_choice", NodeId: "j", Field: "Scale" });
        Assert.Contains(problems, p => p is { Code: "out_of_range", NodeId: "j", Field: "PassAt" });
        Assert.Contains(problems, p => p is { Code: "out_of_range", NodeId: "j", Field: "TimeoutSeconds" });
    }

    [Fact]
    public async Task A_negative_timeout_fails_the_run_at_once_instead_of_hanging()
    {
        var workflow = new WorkflowBuilder("w").Input("q").Prompt("p", p => p.User("{{q}}").TimeoutSeconds(-5)).Edge("q", "p").Build();
        var events = await TestSupport.Runner().CollectAsync(workflow, TestSupport.Inputs(("q", "hi")), new RunOptions { TimeLimit = TimeSpan.FromMinutes(5) });
        TestSupport.AssertWellFormed(events);
        Assert.Contains("TimeoutSeconds", Assert.IsType<RunFailed>(events[^1]).Message);
    }

    [Fact]
    public async Task A_negative_node_timeout_option_fails_the_run_at_once_instead_of_hanging()
    {
        var workflow = new WorkflowBuilder("w").Input("q").Prompt("p", p => p.User("{{q}}")).Edge("q", "p").Build();
        var events = await TestSupport.Runner().CollectAsync(workflow, TestSupport.Inputs(("q", "hi")),
            new RunOptions { NodeTimeout = TimeSpan.FromSeconds(-5), TimeLimit = TimeSpan.FromMinutes(5) });
        TestSupport.AssertWellFormed(events);
        Assert.Equal("invalid_options", Assert.IsType<RunFailed>(events[^1]).Code);
    }
}
