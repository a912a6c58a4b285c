using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Serialization;

namespace WorkflowStudio.Core.Tests;

public class WorkflowJsonTests
{
    public static TheoryData<string> Templates() => [.. TestSupport.TemplateFiles.Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_files_round_trip_exactly(string file)
    {
        var text = File.ReadAllText(Path.Combine(TestSupport.TemplatesDir, file));
        var workflow = WorkflowJson.Deserialize(text);
        Assert.Equal(text.TrimEnd('\n'), WorkflowJson.Serialize(workflow));
        Assert.Equal(workflow, WorkflowJson.Deserialize(WorkflowJson.Serialize(workflow)));
    }

    [Fact]
    public void Three_templates_ship()
    {
        Assert.Equal(["rag-qa.json", "seo-article.json", "support-triage.json"], TestSupport.TemplateFiles.Select(Path.GetFileName));
    }

    [Fact]
    public void Every_setting_survives_the_round_trip()
    {
        var workflow = new WorkflowBuilder("all", "All settings")
            .Description("Everything \"quoted\", {{braces}}, ünïcödé and\nnewlines")
            .Input("q", i => i.Description("d").Default("x").Required(false).MaxLength(10).Title("Question").TimeoutSeconds(2).Retries(1))
            .Prompt("p", p => p.Model("gpt").System("s").User("u {{q}}").Temperature(0.1).MaxTokens(9).JsonSchema("{}").Memory().Stream(false)
                .SemanticCache().SemanticCacheThreshold(0.9))
            .Retrieval("r", r => r.KnowledgeBase("kb").Query("{{q}}").TopK(2).MinScore(0.3).Hybrid(false))
            .Tool("t", t => t.Use("calculator").Arg("b", "2").Arg("a", "1"))
            .Judge("j", j => j.Model("m").Rubric("r").Subject("{{p.text}}").Reference("{{r.text}}").Scale(JudgeScale.OneToFive).PassAt(0.9))
            .Condition("c", "j.passed")
            .Output("o", "{{p.text}}")
            .Edge("q", "p").Edge("p", "r").Edge("r", "t").Edge("t", "j").Edge("j.pass", "c").Edge("j.fail", "p", maxLoops: 2).Edge("c.true", "o")
            .Layout(("q", 1.5, -2), ("o", 100, 200))
            .Build();
        Assert.Equal(workflow, WorkflowJson.Deserialize(WorkflowJson.Serialize(workflow)));
    }

    [Fact]
    public void Defaults_are_left_out_and_the_schema_comes_first()
    {
        var json = WorkflowJson.Serialize(new WorkflowBuilder("w").Prompt("p", p => p.User("hi")).Build());
        Assert.StartsWith("{\n  \"schema\": 1,", json.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("temperature", json);
        Assert.DoesNotContain("semanticCache", json);
        Assert.DoesNotContain("\"port\"", json);
    }

    [Fact]
    public void The_semantic_cache_settings_are_written_by_name_when_chosen()
    {
        var json = WorkflowJson.Serialize(new WorkflowBuilder("w").Prompt("p", p => p.User("hi").SemanticCache().SemanticCacheThreshold(0.9)).Build());

        Assert.Contains("\"semanticCache\": true", json);
        Assert.Contains("\"semanticCacheThreshold\": 0.9", json);
        var prompt = Assert.IsType<PromptNode>(WorkflowJson.Deserialize(json).Nodes.Single());
        Assert.True(prompt.SemanticCache);
        Assert.Equal(0.9, prompt.SemanticCacheThreshold);
    }

    [Fact]
    public void Malformed_json_says_where()
    {
        var error = Assert.Throws<WorkflowFormatException>(() => WorkflowJson.Deserialize("{\n  \"schema\": 1,\n  \"id\": \"x\",,\n}"));
        Assert.Equal(3, error.Line);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public void Unknown_kind_names_the_node_and_the_known_kinds()
    {
        var error = Assert.Throws<WorkflowFormatException>(() => WorkflowJson.Deserialize(
            """{"schema":1,"id":"w","name":"w","nodes":[{"kind":"input","id":"a"},{"kind":"teleport","id":"b"}],"edges":[]}"""));
        Assert.Equal("$.nodes[1].kind", error.Path);
        Assert.Equal("b", error.NodeId);
        Assert.Contains("unknown kind 'teleport'", error.Message);
        Assert.Contains("prompt", error.Message);
    }

    [Theory]
    [InlineData("""{"id":"w","name":"w"}""", "no \"schema\"")]
    [InlineData("""{"schema":2,"id":"w","name":"w"}""", "schema 2")]
    [InlineData("""[1,2]""", "must be a JSON object")]
    [InlineData("""{"schema":1,"id":"w","name":"w","nodes":[{"kind":"prompt","id":"p","temprature":1}]}""", "Unknown property")]
    [InlineData("""{"schema":1,"id":"w","name":"w","nodes":[{"kind":"prompt","id":"p","maxTokens":"lots"}]}""", "wrong type")]
    [InlineData("""{"schema":1,"id":"w","name":"w","nodes":[{"id":"p"}]}""", "has no \"kind\"")]
    [InlineData("", "not valid JSON")]
    public void Bad_files_give_a_clear_message(string json, string expected)
    {
        var error = Assert.Throws<WorkflowFormatException>(() => WorkflowJson.Deserialize(json));
        Assert.Contains(expected, error.Message);
    }
}
