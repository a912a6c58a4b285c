using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.Core.Running.Executors;

internal sealed class ToolExecutor(IToolRegistry tools) : INodeExecutor
{
    public IReadOnlyDictionary<string, object?> Prepare(NodeContext context) =>
        ((ToolNode)context.Node).Args.ToDictionary(kv => kv.Key, kv => (object?)context.Render(kv.Value), StringComparer.Ordinal);

    public async ValueTask<NodeOutcome> ExecuteAsync(NodeContext context, IReadOnlyDictionary<string, object?> inputs, CancellationToken cancellationToken)
    {
        var node = (ToolNode)context.Node;
        var tool = tools.Find(node.Tool)
                   ?? throw new NodeException("unknown_tool", $"There is no tool '{node.Tool}'. Available: {string.Join(", ", tools.Tools.Select(t => t.Name))}.");
        var arguments = inputs.ToDictionary(kv => kv.Key, kv => (string)kv.Value!, StringComparer.Ordinal);
        var result = await tool.InvokeAsync(arguments, cancellationToken).ConfigureAwait(false);
        return new NodeOutcome(new Dictionary<string, object?>(2) { ["text"] = result.Text, ["json"] = PlainJson.From(result.Json) });
    }
}
