using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.Core.Running.Executors;

/// <summary>A prompt that may call tools: the gateway runs the function-calling loop, bounded by the node's rounds.</summary>
internal sealed class AgentExecutor(IModelGateway models, IToolRegistry tools) : INodeExecutor
{
    public IReadOnlyDictionary<string, object?> Prepare(NodeContext context)
    {
        var node = (AgentNode)context.Node;
        return new Dictionary<string, object?>(3)
        {
            ["system"] = Conversation.RenderSystem(context, node.System),
            ["task"] = context.Render(node.User),
            ["tools"] = string.Join(", ", Tools(node).Select(t => t.Name)),
        };
    }

    public async ValueTask<NodeOutcome> ExecuteAsync(NodeContext context, IReadOnlyDictionary<string, object?> inputs, CancellationToken cancellationToken)
    {
        var node = (AgentNode)context.Node;
        var messages = Conversation.Build(inputs["system"], [], (string)inputs["task"]!);
        var request = new ModelRequest(node.Model, messages)
        {
            Temperature = node.Temperature,
            Tools = Tools(node),
            MaxToolRounds = node.MaxRounds,
            Stream = context.StreamText,
        };
        var response = await models.CompleteAsync(request, context.StreamText ? context.Delta : null, cancellationToken).ConfigureAwait(false);
        return new NodeOutcome(new Dictionary<string, object?>(2)
        {
            ["text"] = response.Text,
            ["toolCalls"] = response.ToolCalls.Select(c => new Dictionary<string, object?>
            {
                ["tool"] = c.Tool,
                ["arguments"] = c.Arguments.ToDictionary(a => a.Key, a => (object?)a.Value),
                ["result"] = c.Result,
            }).ToList(),
        }) { Usage = response };
    }

    private IReadOnlyList<ToolDescriptor> Tools(AgentNode node)
    {
        var names = node.ToolNames.ToHashSet(StringComparer.Ordinal);
        return names.Count == 0 ? tools.Tools : [.. tools.Tools.Where(t => names.Contains(t.Name))];
    }
}
