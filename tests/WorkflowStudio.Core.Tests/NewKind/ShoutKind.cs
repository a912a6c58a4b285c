using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Core.Tests.NewKind;

// A whole node kind in one file, as a host (or Core) would add it: the record with its metadata, the builder method
// C# definitions call, and the executor the attribute names. Nothing else in the studio lists it.
[NodeKind("shout", "Shout", NodeCategory.Flow, "campaign", "Repeats a text in capitals.", Outputs = ["text"], Executor = typeof(ShoutExecutor))]
public sealed record ShoutNode(string Id) : Node(Id)
{
    [Setting("Text", SettingEditor.Template, Description = "What to shout.", Preview = 1, Lines = 4)]
    public string Text { get; init; } = "";

    [Setting("Times", SettingEditor.Number, Description = "How many times to repeat it.", Min = 1, Max = 5, Preview = 2, PreviewFormat = "×{0}")]
    public int Times { get; init; } = 1;
}

public sealed class ShoutBuilder(ShoutNode node) : NodeBuilder<ShoutBuilder, ShoutNode>(node)
{
    public ShoutBuilder Text(string template) => Set(Current with { Text = template });
    public ShoutBuilder Times(int times) => Set(Current with { Times = times });
}

public static class ShoutBuilderExtensions
{
    public static WorkflowBuilder Shout(this WorkflowBuilder workflow, string id, Func<ShoutBuilder, ShoutBuilder>? configure = null) =>
        workflow.Add(new ShoutBuilder(new ShoutNode(id)), configure);
}

internal sealed class ShoutExecutor : INodeExecutor
{
    public IReadOnlyDictionary<string, object?> Prepare(NodeContext context) =>
        new Dictionary<string, object?> { ["text"] = context.Render(((ShoutNode)context.Node).Text) };

    public ValueTask<NodeOutcome> ExecuteAsync(NodeContext context, IReadOnlyDictionary<string, object?> inputs, CancellationToken cancellationToken)
    {
        var node = (ShoutNode)context.Node;
        var loud = ((string)inputs["text"]!).ToUpperInvariant();
        return ValueTask.FromResult(NodeOutcome.Text(string.Join(" ", Enumerable.Repeat(loud, node.Times))));
    }
}
