using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Benchmarks.Engine;

// Instant nodes: their work is a few nanoseconds, so what the benchmark measures is the engine itself.

[NodeKind("bench.append", "Append", NodeCategory.Flow, "add", "Appends one character to the previous step's text.", Outputs = ["text"])]
public sealed record AppendNode(string Id) : Node(Id);

[NodeKind("bench.index", "Index", NodeCategory.Flow, "tag", "Returns its index.", Outputs = ["value"])]
public sealed record IndexNode(string Id) : Node(Id)
{
    public int Index { get; init; }
}

[NodeKind("bench.sum", "Sum", NodeCategory.Flow, "functions", "Sums the values of every incoming step.", Outputs = ["value"])]
public sealed record SumNode(string Id) : Node(Id);

[NodeKind("bench.increment", "Increment", NodeCategory.Flow, "exposure_plus_1", "Adds one to its own previous value.", Outputs = ["value"])]
public sealed record IncrementNode(string Id) : Node(Id)
{
    public string Counter { get; init; } = "";
}

[NodeKind("bench.below", "Below", NodeCategory.Flow, "call_split", "Routes to true while a counter is below a limit.",
    OutputPorts = [PortNames.True, PortNames.False], Outputs = ["value"])]
public sealed record BelowNode(string Id) : Node(Id)
{
    public string Counter { get; init; } = "";
    public int Limit { get; init; }
}

internal sealed class InstantExecutors
{
    private static readonly IReadOnlyDictionary<string, object?> NoInputs = new Dictionary<string, object?>();

    public static NodeExecutorRegistry Registry() => new NodeExecutorRegistry()
        .Add<AppendNode>(new Delegate(c => Text((c.PreviousText() ?? "") + "x")))
        .Add<IndexNode>(new Delegate(c => Value(((IndexNode)c.Node).Index)))
        .Add<SumNode>(new Delegate(c =>
        {
            var sum = 0;
            foreach (var upstream in c.Upstream()) sum += (int)upstream["value"]!;
            return Value(sum);
        }))
        .Add<IncrementNode>(new Delegate(c => Value(c.Resolve(c.Node.Id) is IReadOnlyDictionary<string, object?> previous ? (int)previous["value"]! + 1 : 1)))
        .Add<BelowNode>(new Delegate(c =>
        {
            var node = (BelowNode)c.Node;
            var below = (int)((IReadOnlyDictionary<string, object?>)c.Resolve(node.Counter)!)["value"]! < node.Limit;
            return new NodeOutcome(new Dictionary<string, object?>(1) { ["value"] = below }, below ? PortNames.True : PortNames.False);
        }));

    private static NodeOutcome Text(string text) => new(new Dictionary<string, object?>(1) { ["text"] = text });

    private static NodeOutcome Value(int value) => new(new Dictionary<string, object?>(1) { ["value"] = value });

    private sealed class Delegate(Func<NodeContext, NodeOutcome> run) : INodeExecutor
    {
        public IReadOnlyDictionary<string, object?> Prepare(NodeContext context) => NoInputs;

        public ValueTask<NodeOutcome> ExecuteAsync(NodeContext context, IReadOnlyDictionary<string, object?> inputs, CancellationToken cancellationToken) =>
            ValueTask.FromResult(run(context));
    }
}
