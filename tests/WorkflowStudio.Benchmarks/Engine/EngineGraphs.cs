using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Benchmarks.Engine;

/// <summary>The three graphs of the engine-overhead benchmark, with how many node executions one run makes.</summary>
public static class EngineGraphs
{
    /// <summary>G1: a chain of <paramref name="length"/> nodes, each appending one character to the previous node's text.</summary>
    public static (Workflow Workflow, int Executions) Chain(int length = 200)
    {
        var builder = new WorkflowBuilder("g1-chain");
        for (var i = 0; i < length; i++)
        {
            builder.Node(new AppendNode($"n{i}"));
            if (i > 0) builder.Edge($"n{i - 1}", $"n{i}");
        }
        return (builder.Build(), length);
    }

    /// <summary>G2: a start node, <paramref name="width"/> parallel nodes each returning its index, one join summing them.</summary>
    public static (Workflow Workflow, int Executions) FanOut(int width = 100)
    {
        var builder = new WorkflowBuilder("g2-fan-out").Node(new IndexNode("start")).Node(new SumNode("join"));
        for (var i = 0; i < width; i++)
            builder.Node(new IndexNode($"p{i}") { Index = i }).Edge("start", $"p{i}").Edge($"p{i}", "join");
        return (builder.Build(), width + 2);
    }

    /// <summary>
    /// G3: A increments a counter, B sends control back to A while the counter is below <paramref name="count"/>.
    /// A loop needs a way in, so a start node leads to A: one execution more than A and B's 2 × count.
    /// </summary>
    public static (Workflow Workflow, int Executions) Loop(int count = 100)
    {
        var workflow = new WorkflowBuilder("g3-loop")
            .Node(new IndexNode("start"))
            .Node(new IncrementNode("a"))
            .Node(new BelowNode("b") { Counter = "a", Limit = count })
            .Edge("start", "a").Edge("a", "b").Edge("b.true", "a", maxLoops: count)
            .Build();
        return (workflow, 2 * count + 1);
    }
}
