using WorkflowStudio.CodeSync;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Core.Tests.NewKind;

/// <summary>A kind defined in one file outside Core, registered once, is picked up by every part of the studio.</summary>
public class NewKindTests
{
    static NewKindTests() => NodeCatalog.Register(typeof(ShoutNode));

    private static Workflow Workflow() => new WorkflowBuilder("loud")
        .Input("q")
        .Shout("s", s => s.Text("{{q}}").Times(2))
        .Output("o", "{{s.text}}")
        .Edge("q", "s").Edge("s", "o")
        .Build();

    [Fact]
    public void The_catalogue_describes_it_for_palette_and_inspector()
    {
        var descriptor = NodeCatalog.Find("shout")!;
        Assert.Contains(descriptor, NodeCatalog.All);
        Assert.Equal(typeof(ShoutNode), descriptor.ClrType);
        Assert.Equal(["Text", "Times", "Title", "TimeoutSeconds", "Retries"], descriptor.Settings.Select(s => s.Name));
        Assert.Equal(4, descriptor.FindSetting("Text")!.Lines);
        Assert.Equal("hey · ×3", descriptor.Preview(new ShoutNode("s") { Text = "hey", Times = 3 }));
    }

    [Fact]
    public void Json_reads_and_writes_it_by_its_kind_name()
    {
        var json = WorkflowJson.Serialize(Workflow());
        Assert.Contains("\"kind\": \"shout\"", json);
        Assert.Equal(Workflow(), WorkflowJson.Deserialize(json));
    }

    [Fact]
    public void CSharp_generates_and_parses_it_through_its_builder_method()
    {
        var code = CSharpCodeGenerator.Generate(Workflow());
        Assert.Contains(".Shout(\"s\", s => s.Text(\"{{q}}\").Times(2))", code);
        Assert.Contains("using " + typeof(ShoutBuilderExtensions).Namespace + ";", code);
        var parsed = CSharpCodeParser.Parse(code);
        Assert.Empty(parsed.Diagnostics);
        Assert.Equal(Workflow(), parsed.Workflow);
    }

    [Fact]
    public void Validation_checks_it_by_its_metadata()
    {
        var workflow = Workflow() with { Nodes = Workflow().Nodes.Replace(Workflow().Nodes[1], new ShoutNode("s") { Text = "{{nobody}}", Times = 9 }) };
        var problems = new WorkflowValidator().Validate(workflow);
        Assert.Contains(problems, p => p is { Code: "unknown_variable", NodeId: "s", Field: "Text" });
        Assert.Contains(problems, p => p is { Code: "out_of_range", NodeId: "s", Field: "Times" });
    }

    [Fact]
    public async Task The_runner_finds_its_executor_through_the_attribute()
    {
        var events = await TestSupport.Runner().CollectAsync(Workflow(), TestSupport.Inputs(("q", "hi")));
        TestSupport.AssertWellFormed(events);
        Assert.Equal("HI HI", Assert.IsType<RunCompleted>(events[^1]).Outputs["o"]);
    }
}
