using System.Text.Json;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.CodeSync.Tests;

/// <summary>Each template's C# file (templates/*.cs) is its generated definition, compiles, and runs like its JSON.</summary>
public class TemplateTests
{
    public static TheoryData<string> Templates => [.. Repository.TemplateIds];

    [Fact]
    public void There_are_templates_and_each_has_its_definition() =>
        Assert.All(Repository.TemplateIds, id => Assert.True(File.Exists(Path.Combine(Repository.Templates, id + ".cs")), $"templates/{id}.cs is missing"));

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_definition_file_is_what_the_generator_writes(string id) =>
        Assert.Equal(CSharpCodeGenerator.Generate(Repository.LoadTemplate(id)), Repository.TemplateCode(id));

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_definition_reads_back_as_the_template(string id)
    {
        var result = CSharpCodeParser.Parse(Repository.TemplateCode(id));

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal(CanonicalForm.Of(Repository.LoadTemplate(id)), result.Workflow);
    }

    [Fact]
    public async Task Compiled_definitions_build_the_templates_and_run_with_the_same_events()
    {
        var compiled = DefinitionCompiler.BuildAll(Repository.TemplateIds.Select(Repository.TemplateCode));

        foreach (var id in Repository.TemplateIds)
        {
            var json = Repository.LoadTemplate(id);
            var built = compiled[$"{CSharpCodeGenerator.DefaultNamespace}.{CSharpCodeGenerator.ClassName(id)}"];
            Assert.Equal(CanonicalForm.Of(json), built);

            var fromJson = await RunAsync(json);
            var fromCode = await RunAsync(built);
            Assert.IsType<RunCompleted>(fromJson[^1]);
            var expected = ByNode(fromJson);
            var actual = ByNode(fromCode);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            foreach (var node in expected.Keys) Assert.Equal(expected[node], actual[node]);
        }
    }

    private static async Task<List<RunEvent>> RunAsync(Workflow workflow)
    {
        var tools = new InMemoryToolRegistry()
            .Add("web.search", "Searches the web", (args, _) => ValueTask.FromResult(new ToolResult($"Notes about {args.GetValueOrDefault("query")}.")));
        // The templates' own knowledge bases: one per folder under templates/knowledge, one passage per file.
        var retriever = new InMemoryRetriever(Directory.GetDirectories(Path.Combine(Repository.Templates, "knowledge")).ToDictionary(
            dir => Path.GetFileName(dir),
            dir => (IReadOnlyList<(string, string)>)[.. Directory.GetFiles(dir).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))]));
        var runner = new Runner(new ScriptedModelGateway(), retriever, tools);
        var inputs = workflow.Inputs.OrderBy(i => i.Id, StringComparer.Ordinal).ToDictionary(i => i.Id, i => $"How do refunds work for {i.Id}?");
        var events = new List<RunEvent>();
        await foreach (var e in runner.RunAsync(workflow, inputs)) events.Add(e);
        return events;
    }

    /// <summary>Each node's events in order, without what differs from run to run (ids, clocks, interleaving of parallel branches).</summary>
    private static Dictionary<string, List<string>> ByNode(IEnumerable<RunEvent> events) => events
        .Select(e => (Node: e.NodeId ?? "", Json: JsonSerializer.Serialize<RunEvent>(Stable(e))))
        .GroupBy(e => e.Node)
        .ToDictionary(g => g.Key, g => g.Select(e => e.Json).ToList());

    private static RunEvent Stable(RunEvent e) => (e switch
    {
        NodeCompleted c => c with { Latency = default, TimeToFirstToken = null },
        RunCompleted c => c with { Duration = default },
        RunFailed f => f with { Duration = default },
        RunCancelled c => c with { Duration = default },
        _ => e,
    }) with { RunId = "", Sequence = 0, Timestamp = default };
}
