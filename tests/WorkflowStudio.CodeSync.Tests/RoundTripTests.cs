using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.CodeSync.Tests;

public class RoundTripTests
{
    [Property(MaxTest = 1000, Arbitrary = [typeof(RandomWorkflows)])]
    public void Workflow_to_code_to_workflow_is_the_identity(Workflow workflow)
    {
        var code = CSharpCodeGenerator.Generate(workflow);
        var result = CSharpCodeParser.Parse(code);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics) + "\n" + code);
        Assert.Equal(CanonicalForm.Of(workflow), result.Workflow);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(RandomWorkflows)])]
    public void Code_to_workflow_to_code_is_a_fixed_point(Workflow workflow)
    {
        var code = CSharpCodeGenerator.Generate(workflow);
        var again = CSharpCodeGenerator.Generate(CSharpCodeParser.Parse(code).Workflow!);

        Assert.Equal(code, again);
    }

    [Property(MaxTest = 300)]
    public Property The_code_does_not_depend_on_the_order_of_nodes_and_edges() =>
        Prop.ForAll(Arb.From(
            from workflow in RandomWorkflows.Workflow
            from nodes in Gen.Shuffle(workflow.Nodes.ToArray())
            from edges in Gen.Shuffle(workflow.Edges.ToArray())
            select (workflow, workflow with { Nodes = nodes.ToValueList(), Edges = edges.ToValueList() })),
            pair =>
            {
                Assert.Equal(CSharpCodeGenerator.Generate(pair.Item1), CSharpCodeGenerator.Generate(pair.Item2));
                Assert.True(CanonicalForm.Equivalent(pair.Item1, pair.Item2));
            });

    [Property(MaxTest = 300, Arbitrary = [typeof(RandomWorkflows)])]
    public void The_canonical_form_is_stable_and_keeps_every_node_and_edge(Workflow workflow)
    {
        var canonical = CanonicalForm.Of(workflow);

        Assert.Equal(canonical, CanonicalForm.Of(canonical));
        Assert.Equal(workflow.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal), canonical.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal));
        Assert.Equal(workflow.Edges.Count, canonical.Edges.Count);
        Assert.All(workflow.Edges, e => Assert.Contains(e, canonical.Edges));
    }
}
