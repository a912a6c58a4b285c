using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.CodeSync.Tests;

/// <summary>A person's small edits to generated code parse to exactly the intended workflow.</summary>
public class EditTests
{
    private static readonly Workflow Original = CanonicalForm.Of(SampleWorkflows.SeoArticle());
    private static readonly string Code = CSharpCodeGenerator.Generate(Original);

    private static Workflow Parse(string code)
    {
        var result = CSharpCodeParser.Parse(code);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics) + "\n" + code);
        return result.Workflow;
    }

    private static string Edit(string find, string replace)
    {
        Assert.Contains(find, Code);
        return Code.Replace(find, replace, StringComparison.Ordinal);
    }

    private static Workflow ReplaceNode(Workflow workflow, string id, Func<Node, Node> change) =>
        workflow with { Nodes = workflow.Nodes.Replace(workflow.FindNode(id)!, change(workflow.FindNode(id)!)) };

    [Fact]
    public void The_unedited_code_reads_back_as_the_workflow() => Assert.Equal(Original, Parse(Code));

    [Fact]
    public void Renaming_a_node_renames_it_and_its_edges_and_position()
    {
        var code = Code.Replace("\"writer\"", "\"author\"").Replace("\"writer.", "\"author.").Replace("{{writer.text}}", "{{author.text}}");

        var expected = CanonicalForm.Of(Original with
        {
            Nodes = Original.Nodes
                .Replace(Original.FindNode("writer")!, (PromptNode)Original.FindNode("writer")! with { Id = "author" })
                .Replace(Original.FindNode("article")!, new OutputNode("article") { Value = "{{author.text}}" }),
            Edges = Original.Edges.Select(e => e with { From = e.From == "writer" ? "author" : e.From, To = e.To == "writer" ? "author" : e.To }).ToValueList(),
            Layout = Original.Layout.Remove("writer").SetItem("author", Original.Layout["writer"]),
        });
        Assert.Equal(expected, Parse(code));
    }

    [Fact]
    public void Changing_a_prompt_changes_only_that_text()
    {
        var code = Edit("Be \"concise\".", "Be \"brief\" and {kind}.");

        var expected = ReplaceNode(Original, "writer", n => (PromptNode)n with { User = "Write about {{keyword}}\nusing {{research.text}}.\n\nBe \"brief\" and {kind}." });
        Assert.Equal(expected, Parse(code));
    }

    [Fact]
    public void Adding_an_edge_adds_exactly_that_edge()
    {
        var code = Edit("        .Edge(\"keyword\", \"research\")\n", "        .Edge(\"keyword\", \"research\")\n        .Edge(\"audience\", \"writer\")\n");

        Assert.Equal(CanonicalForm.Of(Original with { Edges = Original.Edges.Add(new Edge("audience", "writer")) }), Parse(code));
    }

    [Fact]
    public void Reordering_calls_changes_nothing()
    {
        var lines = Code.Split('\n').ToList();
        var output = lines.FindIndex(l => l.Contains(".Output("));
        var firstInput = lines.FindIndex(l => l.Contains(".Input("));
        var outputLine = lines[output];
        lines.RemoveAt(output);
        lines.Insert(firstInput, outputLine);
        var firstEdge = lines.FindIndex(l => l.Contains(".Edge("));
        (lines[firstEdge], lines[firstEdge + 3]) = (lines[firstEdge + 3], lines[firstEdge]);
        var code = string.Join('\n', lines);

        Assert.NotEqual(Code, code);
        Assert.Equal(Original, Parse(code));
        Assert.Equal(Code, CSharpCodeGenerator.Generate(Parse(code)));
    }

    [Fact]
    public void Comments_anywhere_change_nothing()
    {
        var code = "// The SEO pipeline.\n/* owned by marketing */\n" + Code
            .Replace("public static class", "/// <summary>Docs.</summary>\npublic static class")
            .Replace("        .Input(\"keyword\")", "        // the search term\n        .Input(/* id */ \"keyword\" /* done */) // trailing")
            .Replace(".PassAt(0.8)", ".PassAt(0.8 /* strict */)")
            .Replace("        .Build();", "        #region end\n        .Build(); // fin\n        #endregion");

        Assert.Equal(Original, Parse(code));
    }

    [Fact]
    public void Changing_a_number_changes_that_setting()
    {
        var code = Edit(".PassAt(0.8)", ".PassAt(0.65)").Replace("maxLoops: 3", "maxLoops: 5");

        var expected = ReplaceNode(Original, "editor", n => (JudgeNode)n with { PassAt = 0.65 });
        expected = expected with { Edges = expected.Edges.Select(e => e.MaxLoops is null ? e : e with { MaxLoops = 5 }).ToValueList() };
        Assert.Equal(expected, Parse(code));
    }

    [Fact]
    public void Deleting_a_node_and_its_edges_removes_them_and_its_position()
    {
        var code = string.Join('\n', Code.Split('\n').Where(l => !l.Contains("\"editor") && !l.Contains("j => j") && !l.Contains(".Rubric(") && !l.Contains(".Scale(") && !l.Contains(".PassAt(")));

        var expected = CanonicalForm.Of(Original with
        {
            Nodes = Original.Nodes.RemoveAll(n => n.Id == "editor"),
            Edges = Original.Edges.RemoveAll(e => e.From == "editor" || e.To == "editor"),
            Layout = Original.Layout.Remove("editor"),
        });
        Assert.Equal(expected, Parse(code));
    }

    [Fact]
    public void A_position_left_behind_by_a_deleted_node_is_ignored()
    {
        var code = Edit("        .Output(\"article\", \"{{writer.text}}\")\n", "").Replace("        .Edge(\"editor.pass\", \"article\")\n", "");

        var expected = Original with
        {
            Nodes = Original.Nodes.RemoveAll(n => n.Id == "article"),
            Edges = Original.Edges.RemoveAll(e => e.To == "article"),
            Layout = Original.Layout.Remove("article"),
        };
        Assert.Equal(expected, Parse(code));
    }

    [Fact]
    public void Adding_a_node_with_settings_adds_it()
    {
        var code = Edit("        .Output(", "        .Retrieval(\"docs\", r => r.KnowledgeBase(\"handbook\").TopK(8).Hybrid(false))\n        .Output(");

        var expected = CanonicalForm.Of(Original with
        {
            Nodes = Original.Nodes.Add(new RetrievalNode("docs") { KnowledgeBase = "handbook", TopK = 8, Hybrid = false }),
        });
        Assert.Equal(expected, Parse(code));
    }

    [Fact]
    public void Writing_a_default_explicitly_is_the_same_as_leaving_it_out()
    {
        var code = Edit(".Temperature(0.3)", ".Temperature(0.7).Stream(true)");

        var edited = Parse(code);
        Assert.Equal(ReplaceNode(Original, "writer", n => (PromptNode)n with { Temperature = 0.7 }), edited);
        Assert.DoesNotContain(".Temperature(", CSharpCodeGenerator.Generate(edited));
    }

    [Fact]
    public void Removing_the_layout_leaves_no_positions() =>
        Assert.Equal(Original with { Layout = ValueMap<Position>.Empty },
            Parse(Code[..Code.IndexOf("        .Layout(", StringComparison.Ordinal)] + "        .Build();\n}\n"));

    [Fact]
    public void Other_ways_of_writing_the_same_literals_are_understood()
    {
        const string code = """"
            using WorkflowStudio.Core.Building;
            using WorkflowStudio.Core.Model;

            namespace Team.Flows
            {
                internal class Hand
                {
                    public static WorkflowStudio.Core.Model.Workflow Build()
                    {
                        return new WorkflowStudio.Core.Building.WorkflowBuilder(name: "Hand written", id: "hand")
                            .Prompt("p", (p) => p.User(@"Say ""hi""" + " to {{name}}").Temperature(-(-1)).MaxTokens(+5).Memory(on: true))
                            .Judge("j", j => j.Scale(WorkflowStudio.Core.Model.JudgeScale.PassFail).PassAt(1e-1))
                            .Input("name", null)
                            .Edge(to: "p", from: "name")
                            .Edge("j.fail", "p", 2)
                            .Layout(("p", 1.5, -2), ("j", 0x10, 3L))
                            .Build();
                    }
                }
            }
            """";

        var expected = CanonicalForm.Of(new WorkflowBuilder("hand", "Hand written")
            .Prompt("p", p => p.User("Say \"hi\" to {{name}}").Temperature(1).MaxTokens(5).Memory())
            .Judge("j", j => j.Scale(JudgeScale.PassFail).PassAt(0.1))
            .Input("name")
            .Edge("name", "p")
            .Edge("j.fail", "p", maxLoops: 2)
            .Layout(("p", 1.5, -2), ("j", 16, 3))
            .Build());
        Assert.Equal(expected, Parse(code));
    }
}
