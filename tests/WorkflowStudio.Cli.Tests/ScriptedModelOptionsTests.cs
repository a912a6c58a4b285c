using System.Text.Json;
using WorkflowStudio.Cli;

namespace WorkflowStudio.Cli.Tests;

/// <summary>--scripted-reply and --scripted-latency: the in-process test model shaped from the command line.</summary>
public class ScriptedModelOptionsTests : CliTestBase
{
    private const string Reply = """{% assign w = prompt | split: " " %}answer-{{ w[3] }} (t{{ w[6] }})""";

    private string Workflow() => Write("""
        {
          "schema": 1, "id": "g-eval", "name": "G-eval",
          "nodes": [
            { "kind": "input", "id": "question" },
            { "kind": "prompt", "id": "answer", "model": "bench-model", "user": "Answer: {{question}}" },
            { "kind": "output", "id": "result", "value": "{{answer.text}}" }
          ],
          "edges": [ { "from": "question", "to": "answer" }, { "from": "answer", "to": "result" } ]
        }
        """);

    [Fact]
    public async Task A_run_answers_with_the_reply_template()
    {
        var (code, output, error) = await Studio("run", Workflow(), "-i", "question=Question number 7 about topic 7", "--json",
            "--models", "scripted", "--scripted-reply", Reply, "--scripted-latency", "5");

        Assert.True(code == StudioCli.Ok, output + error);
        var completed = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).Last();
        Assert.Equal("answer-7 (t7)", completed.GetProperty("outputs").GetProperty("result").GetString());
    }

    [Fact]
    public async Task An_evaluation_with_the_scripted_reply_passes_where_the_plain_scripted_model_fails()
    {
        var dataset = Path.Combine(Dir, "cases.csv");
        File.WriteAllText(dataset, "question,expected\nQuestion number 1 about topic 1,answer-1\nQuestion number 2 about topic 2,answer-2\n");
        string[] eval = ["eval", Workflow(), "--dataset", dataset, "--scorer", "contains", "--scorer", @"regex:^answer-\d+", "--models", "scripted"];

        var (plain, _, _) = await Studio(eval);
        var (scripted, output, error) = await Studio([.. eval, "--scripted-reply", Reply, "--scripted-latency", "1"]);

        Assert.Equal(StudioCli.Failed, plain);
        Assert.True(scripted == StudioCli.Ok, output + error);
        Assert.Contains("2/2 passed", output);
    }

    [Theory]
    [InlineData("--scripted-reply", "answer-{{ prompt ", "--scripted-reply: The template has a syntax error")]
    [InlineData("--scripted-latency", "-1", "--scripted-latency must be between 0 and 60000 milliseconds")]
    [InlineData("--scripted-latency", "60001", "--scripted-latency must be between 0 and 60000 milliseconds")]
    public async Task A_bad_reply_or_latency_is_a_usage_error(string option, string value, string message)
    {
        var (code, _, error) = await Studio("run", Workflow(), "-i", "question=q", "--models", "scripted", option, value);

        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("eval")]
    public async Task Shaping_the_scripted_model_without_choosing_it_is_a_usage_error(string command)
    {
        var (code, _, error) = await Studio(command, Workflow(), "--scripted-reply", "x");

        Assert.Equal(StudioCli.BadInput, code);
        Assert.Contains("--scripted-reply and --scripted-latency shape the scripted model; add --models scripted.", error);
    }
}
