using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.CodeSync.Tests;

public class GeneratorTests
{
    [Fact]
    public void Writes_a_readable_recipe()
    {
        var workflow = new WorkflowBuilder("qa", "Q&A")
            .Output("reply", "{{answer.text}}")
            .Prompt("answer", p => p.User("Context:\n{{search.text}}\n\nQuestion: {{question}}").Temperature(0.2).Stream(false))
            .Input("question")
            .Retrieval("search", r => r.KnowledgeBase("docs").Query("{{question}}"))
            .Edge("search", "answer").Edge("question", "search").Edge("answer", "reply")
            .Layout(("question", 40, 160), ("search", 300.5, -20))
            .Build();

        Assert.Equal("""
            using WorkflowStudio.Core.Building;
            using WorkflowStudio.Core.Model;

            namespace Workflows;

            public static class Qa
            {
                public static Workflow Build() => new WorkflowBuilder("qa", "Q&A")
                    .Input("question")
                    .Retrieval("search", r => r.KnowledgeBase("docs").Query("{{question}}"))
                    .Prompt("answer", p => p
                        .User(\"\"\"
                            Context:
                            {{search.text}}

                            Question: {{question}}
                            \"\"\")
                        .Temperature(0.2)
                        .Stream(false))
                    .Output("reply", "{{answer.text}}")
                    .Edge("question", "search")
                    .Edge("search", "answer")
                    .Edge("answer", "reply")
                    .Layout(
                        ("question", 40, 160),
                        ("search", 300.5, -20))
                    .Build();
            }

            """.Replace("\\\"", "\""), CSharpCodeGenerator.Generate(workflow));
    }

    [Fact]
    public void Settings_at_their_defaults_are_left_out()
    {
        var workflow = new Workflow("w", "w")
        {
            Nodes = [.. NodeCatalog.All.Where(d => d.ClrType.Assembly == typeof(Node).Assembly && d.Kind is not ("output" or "condition")).Select(d => d.Create(d.Kind))],
        };

        var code = CSharpCodeGenerator.Generate(workflow);

        Assert.DoesNotContain("=>", code.Split('\n').Where(l => l.TrimStart().StartsWith('.')).Aggregate("", string.Concat));
        Assert.Contains("        .Prompt(\"prompt\")\n", code);
        Assert.Contains("        .Judge(\"judge\")\n", code);
    }

    [Fact]
    public void Every_setting_of_every_kind_is_written_and_read_back()
    {
        foreach (var descriptor in NodeCatalog.All)
        {
            var node = descriptor.Create("n");
            foreach (var setting in descriptor.Settings) node = descriptor.With(node, setting, Changed(setting));
            var workflow = new Workflow("w", "w") { Nodes = [node] };

            var code = CSharpCodeGenerator.Generate(workflow);
            var result = CSharpCodeParser.Parse(code);

            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            Assert.Equal(workflow, result.Workflow);
            Assert.All(descriptor.Settings.Where(s => s.Name is not ("Value" or "Expression")), s => Assert.Contains($".{s.BuilderMethod}(", code));
        }
    }

    private static object? Changed(SettingDescriptor setting)
    {
        var type = Nullable.GetUnderlyingType(setting.ValueType) ?? setting.ValueType;
        if (type == typeof(string)) return $"{setting.Name}\nsecond line";
        if (type == typeof(int)) return (int)(setting.DefaultValue ?? 0) + 1;
        if (type == typeof(double)) return (double)(setting.DefaultValue ?? 0.0) + 0.25;
        if (type == typeof(bool)) return !(bool)setting.DefaultValue!;
        if (type.IsEnum) return Enum.GetValues(type).Cast<object>().First(v => !v.Equals(setting.DefaultValue));
        if (type == typeof(ValueMap<string>)) return ValueMap<string>.From([KeyValuePair.Create("b", "2"), KeyValuePair.Create("a", "1")]);
        throw new InvalidOperationException($"No changed value for a {type.Name} ({setting.Name}).");
    }

    [Theory]
    [InlineData("Say \"\"\"hi\"\"\"\nnow", "\"\"\"\"\n")]
    [InlineData("seven \"\"\"\"\"\" quotes\nend", "\"\"\"\"\"\"\"\n")]
    [InlineData("two\nlines", "\"\"\"\n")]
    public void Raw_strings_have_more_quotes_than_the_text(string text, string opening)
    {
        var code = CSharpCodeGenerator.Generate(new WorkflowBuilder("w").Output("o", text).Build());

        Assert.Contains($".Output(\"o\", {opening}", code);
        Assert.Equal(text, ((OutputNode)CSharpCodeParser.Parse(code).Workflow!.Nodes[0]).Value);
    }

    [Theory]
    [InlineData("a\r\nb", "\"a\\r\\nb\"")]
    [InlineData("trailing \nspace", "\"trailing \\nspace\"")]
    [InlineData("tab\t\"quote\" back\\slash", "\"tab\\t\\\"quote\\\" back\\\\slash\"")]
    [InlineData("bidi \u202E hidden\nline", "\"bidi \\u202E hidden\\nline\"")]
    [InlineData("nul \0 bell \a", "\"nul \\0 bell \\a\"")]
    [InlineData("nbsp\u00A0and\u2028separator", "\"nbsp\\u00A0and\\u2028separator\"")]
    [InlineData("emoji 😀 and 日本語 {braces}", "\"emoji 😀 and 日本語 {braces}\"")]
    public void Invisible_or_fragile_characters_are_escaped(string text, string literal)
    {
        var code = CSharpCodeGenerator.Generate(new WorkflowBuilder("w").Output("o", text).Build());

        Assert.Contains($".Output(\"o\", {literal})", code);
        Assert.Equal(text, ((OutputNode)CSharpCodeParser.Parse(code).Workflow!.Nodes[0]).Value);
    }

    [Fact]
    public void A_lone_surrogate_is_escaped()
    {
        // Attribute data cannot carry a lone surrogate, so this case is built here.
        var text = "lone " + (char)0xD800 + " surrogate";
        var code = CSharpCodeGenerator.Generate(new WorkflowBuilder("w").Output("o", text).Build());

        Assert.Contains(".Output(\"o\", \"lone \\uD800 surrogate\")", code);
        Assert.Equal(text, ((OutputNode)CSharpCodeParser.Parse(code).Workflow!.Nodes[0]).Value);
    }

    [Fact]
    public void A_dotted_id_names_its_port_so_it_reads_back()
    {
        var workflow = new Workflow("w", "w") { Nodes = [new InputNode("v1.2"), new OutputNode("o")], Edges = [new Edge("v1.2", "o")] };

        var code = CSharpCodeGenerator.Generate(workflow);

        Assert.Contains(".Edge(\"v1.2.out\", \"o\")", code);
        Assert.Equal(workflow, CSharpCodeParser.Parse(code).Workflow);
    }

    [Fact]
    public void The_semantic_cache_settings_are_written_as_builder_calls_and_read_back()
    {
        var workflow = new WorkflowBuilder("faq", "FAQ")
            .Input("question")
            .Prompt("answer", p => p.User("{{question}}").SemanticCache().SemanticCacheThreshold(0.9))
            .Edge("question", "answer")
            .Build();

        var code = CSharpCodeGenerator.Generate(workflow);

        Assert.Contains(".SemanticCache()", code);
        Assert.Contains(".SemanticCacheThreshold(0.9)", code);
        Assert.Equal(CanonicalForm.Of(workflow), CSharpCodeParser.Parse(code).Workflow);
        Assert.DoesNotContain("SemanticCache", CSharpCodeGenerator.Generate(new WorkflowBuilder("faq").Prompt("answer", p => p.User("hi")).Build()));
    }

    [Theory]
    [InlineData("seo-article", "SeoArticle")]
    [InlineData("support_triage v2", "SupportTriageV2")]
    [InlineData("2fast", "Workflow2fast")]
    [InlineData("", "WorkflowDefinition")]
    [InlineData("workflow", "WorkflowDefinition")]
    [InlineData("judge-scale", "JudgeScaleDefinition")]
    [InlineData("café", "Caf")]
    public void Class_names_come_from_the_id_and_never_hide_a_used_type(string id, string name) =>
        Assert.Equal(name, CSharpCodeGenerator.ClassName(id));

    [Fact]
    public void What_literals_cannot_say_is_refused_with_a_reason()
    {
        var dottedPort = new Workflow("w", "w") { Nodes = [new InputNode("a"), new OutputNode("b")], Edges = [new Edge("a", "b", "x.y")] };
        var unnamedEnum = new Workflow("w", "w") { Nodes = [new JudgeNode("j") { Scale = (JudgeScale)42 }] };
        var customKind = new Workflow("w", "w") { Nodes = [new CustomNode("c")] };

        Assert.Contains("port names with a dot", Assert.Throws<ArgumentException>(() => CSharpCodeGenerator.Generate(dottedPort)).Message);
        Assert.Contains("not a named JudgeScale value", Assert.Throws<ArgumentException>(() => CSharpCodeGenerator.Generate(unnamedEnum)).Message);
        Assert.Contains("has no WorkflowBuilder method", Assert.Throws<ArgumentException>(() => CSharpCodeGenerator.Generate(customKind)).Message);
        Assert.Throws<ArgumentException>(() => CSharpCodeGenerator.Generate(new Workflow("w", "w"), "not a namespace"));
    }

    [NodeKind("custom", "Custom", NodeCategory.Flow, "star", "A host's own node kind.")]
    private sealed record CustomNode(string Id) : Node(Id);
}
