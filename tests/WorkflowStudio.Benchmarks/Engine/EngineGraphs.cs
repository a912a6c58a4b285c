using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Benchmarks.Engine;

/// <summary>
/// A benchmark graph: how many node executions one run makes, and the value the step <paramref name="Checked"/> must end
/// with, so every timed run proves it did the work.
/// </summary>
public sealed record EngineGraph(Workflow Workflow, int Executions, string Checked, string Output, object Expected);

/// <summary>The three graphs of the engine-overhead benchmark.</summary>
public static class EngineGraphs
{
    /// <summary>G1: a chain of <paramref name="length"/> nodes, each appending one character to the previous node's text.</summary>
    public static EngineGraph Chain(int length = 200)
    {
        var builder = new WorkflowBuilder("g1-chain");
        for (var i = 0; i < length; i++)
        {
            builder.Node(new AppendNode($"n{i}"));
            if (i > 0) builder.Edge($"n{i - 1}", $"n{i}");
        }
        return new EngineGraph(builder.Build(), length, $"n{length - 1}", "text", new string('x', length));
    }

    /// <summary>G2: a start node, <paramref name="width"/> parallel nodes each returning its index, one join summing them.</summary>
    public static EngineGraph FanOut(int width = 100)
    {
        var builder = new WorkflowBuilder("g2-fan-out").Node(new IndexNode("start")).Node(new SumNode("join"));
        for (var i = 0; i < width; i++)
            builder.Node(new IndexNode($"p{i}") { Index = i }).Edge("start", $"p{i}").Edge($"p{i}", "join");
        return new EngineGraph(builder.Build(), width + 2, "join", "value", width * (width - 1) / 2);
    }

    /// <summary>
    /// G3: A increments a counter, B sends control back to A while the counter is below <paramref name="count"/>.
    /// A loop needs a way in, so a start node leads to A: one execution more than A and B's 2 × count.
    /// </summary>
    public static EngineGraph Loop(int count = 100)
    {
        var workflow = new WorkflowBuilder("g3-loop")
            .Node(new IndexNode("start"))
            .Node(new IncrementNode("a"))
            .Node(new BelowNode("b") { Counter = "a", Limit = count })
            .Edge("start", "a").Edge("a", "b").Edge("b.true", "a", maxLoops: count)
            .Build();
        return new EngineGraph(workflow, 2 * count + 1, "a", "value", count);
    }
}
