using System.Text.Json.Nodes;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Core.Templating;
using static WorkflowStudio.Core.Tests.TestSupport;

namespace WorkflowStudio.Core.Tests;

/// <summary>Values keep their types across the tool boundary and in conditions, and live only as long as someone can read them.</summary>
public class EngineValueTests
{
    private static Workflow ToolFlow(string condition) => new WorkflowBuilder("w")
        .Input("q")
        .Tool("t", t => t.Use("count"))
        .Condition("c", condition)
        .Output("yes", "yes")
        .Output("no", "no")
        .Edge("q", "t").Edge("t", "c").Edge("c.true", "yes").Edge("c.false", "no")
        .Build();

    private static InMemoryToolRegistry CountTool(JsonNode json) =>
        new InMemoryToolRegistry().Add("count", "returns a typed value", (_, _) => ValueTask.FromResult(new ToolResult(json.ToJsonString(), json)));

    [Fact]
    public async Task An_integer_a_tool_returns_stays_a_number()
    {
        var json = new JsonObject { ["n"] = 5, ["ratio"] = 1.5, ["ok"] = true, ["name"] = "five", ["list"] = new JsonArray(1, 2) };
        var events = await Runner(tools: CountTool(json)).CollectAsync(ToolFlow("t.json.n > 3"), Inputs(("q", "x")));
        var outputs = (IReadOnlyDictionary<string, object?>)events.OfType<NodeCompleted>().Single(e => e.NodeId == "t").Outputs["json"]!;
        Assert.Equal(5L, outputs["n"]);
        Assert.Equal(1.5, outputs["ratio"]);
        Assert.Equal(true, outputs["ok"]);
        Assert.Equal("five", outputs["name"]);
        Assert.Equal([1L, 2L], (IEnumerable<object?>)outputs["list"]!);
        Assert.True(Assert.IsType<RunCompleted>(events[^1]).Outputs.ContainsKey("yes"));
    }

    [Fact]
    public async Task A_bare_integer_from_a_tool_is_a_number_too()
    {
        var events = await Runner(tools: CountTool(JsonValue.Create(5))).CollectAsync(ToolFlow("t.json == 5"), Inputs(("q", "x")));
        var value = events.OfType<NodeCompleted>().Single(e => e.NodeId == "t").Outputs["json"];
        Assert.Equal((5L, typeof(long)), (value, value?.GetType()));
    }

    private static string Condition(string expression, object? a) =>
        TemplateEngine.Render(TemplateEngine.ParseCondition(expression), name => name == "a" ? new Dictionary<string, object?> { ["text"] = a } : null);

    [Theory]
    [InlineData("a.text < 100", "5", "true")]
    [InlineData("a.text > 100", "5", "false")]
    [InlineData("a.text >= 5", "5.0", "true")]
    [InlineData("a.text == 5", "5", "true")]
    [InlineData("a.text != 5", " 5 ", "false")]
    [InlineData("a.text < '6'", "10", "false")]
    [InlineData("a.text < 'b'", "a", "true")]
    [InlineData("a.text == 'hello'", "hello", "true")]
    public void Conditions_compare_as_numbers_when_both_sides_read_as_numbers(string expression, string text, string expected)
    {
        Assert.Equal(expected, Condition(expression, text));
    }

    [Theory]
    [InlineData("a.text < 100", "lots")]
    [InlineData("a.text > 1", null)]
    public void Ordering_values_that_do_not_compare_is_a_clear_error(string expression, string? text)
    {
        var error = Assert.Throws<TemplateException>(() => Condition(expression, text));
        Assert.Contains("cannot be compared", error.Message);
    }

    [Fact]
    public async Task A_loop_guarded_by_a_numeric_text_runs_until_the_number_says_so()
    {
        var round = 0;
        var models = new ScriptedModelGateway(_ => (++round * 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var workflow = new WorkflowBuilder("w")
            .Input("q")
            .Prompt("a", p => p.User("count {{q}}"))
            .Condition("c", "a.text < 100")
            .Output("o", "{{a.text}}")
            .Edge("q", "a").Edge("a", "c").Edge("c.true", "a", maxLoops: 20).Edge("c.false", "o")
            .Build();
        var events = await Runner(models).CollectAsync(workflow, Inputs(("q", "up")));
        AssertWellFormed(events);
        Assert.Equal("100", Assert.IsType<RunCompleted>(events[^1]).Outputs["o"]);
    }

    [Fact]
    public async Task A_step_output_is_dropped_once_no_later_step_can_read_it()
    {
        var seen = new Dictionary<string, HashSet<string>>();
        var probe = new ProbeExecutor(seen, ["q", "p1", "p2", "p3"]);
        var runner = new Runner(new NodeExecutorRegistry(new ScriptedModelGateway(), Retriever(), Tools()).Add<PromptNode>(probe));
        var workflow = new WorkflowBuilder("w")
            .Input("q")
            .Prompt("p1", p => p.User("{{q}}"))
            .Prompt("p2", p => p.User("{{p1.text}}"))
            .Prompt("p3", p => p.User("{{p2.text}}"))
            .Output("o", "{{p1.text}} {{p3.text}}")
            .Edge("q", "p1").Edge("p1", "p2").Edge("p2", "p3").Edge("p3", "o")
            .Build();
        var events = await runner.CollectAsync(workflow, Inputs(("q", "hi")));
        Assert.Equal("hi hi", Assert.IsType<RunCompleted>(events[^1]).Outputs["o"]);
        Assert.Equal(["q"], seen["p1"]);
        Assert.Equal(["p1"], seen["p2"]);
        // q has no reader left; p1 is still read by the output.
        Assert.Equal(["p1", "p2"], seen["p3"].Order());
    }

    private sealed class ProbeExecutor(Dictionary<string, HashSet<string>> seen, string[] names) : INodeExecutor
    {
        public IReadOnlyDictionary<string, object?> Prepare(NodeContext context) =>
            new Dictionary<string, object?> { ["user"] = context.Render(((PromptNode)context.Node).User) };

        public ValueTask<NodeOutcome> ExecuteAsync(NodeContext context, IReadOnlyDictionary<string, object?> inputs, CancellationToken cancellationToken)
        {
            seen[context.Node.Id] = names.Where(n => context.Resolve(n) is not null).ToHashSet();
            return ValueTask.FromResult(NodeOutcome.Text((string)inputs["user"]!));
        }
    }
}
