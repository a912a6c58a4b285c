using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Templating;

namespace WorkflowStudio.Core.Running.Executors;

internal static class Inputs
{
    public static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();

    public static IReadOnlyDictionary<string, object?> Of(string key, object? value) => new Dictionary<string, object?>(1) { [key] = value };
}

/// <summary>The messages a model step sends: its system prompt, the turns it remembers, then the new request.</summary>
internal static class Conversation
{
    public static string? RenderSystem(NodeContext context, string? system) => system is null ? null : context.Render(system);

    public static List<ChatMessage> Build(object? system, IEnumerable<ChatMessage> remembered, string user)
    {
        var messages = new List<ChatMessage>();
        if (system is string text) messages.Add(new ChatMessage(ChatRole.System, text));
        messages.AddRange(remembered);
        messages.Add(new ChatMessage(ChatRole.User, user));
        return messages;
    }
}

internal sealed class InputExecutor : INodeExecutor
{
    public IReadOnlyDictionary<string, object?> Prepare(NodeContext context) => Inputs.None;

    public ValueTask<NodeOutcome> ExecuteAsync(NodeContext context, IReadOnlyDictionary<string, object?> inputs, CancellationToken cancellationToken)
    {
        var node = (InputNode)context.Node;
        var value = context.RunInputs.TryGetValue(node.Id, out var given) ? given : node.Default ?? "";
        return ValueTask.FromResult(new NodeOutcome(Inputs.Of("value", value)));
    }
}

internal sealed class OutputExecutor : INodeExecutor
{
    public IReadOnlyDictionary<string, object?> Prepare(NodeContext context) => Inputs.Of("value", context.Render(((OutputNode)context.Node).Value));

    public ValueTask<NodeOutcome> ExecuteAsync(NodeContext context, IReadOnlyDictionary<string, object?> inputs, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new NodeOutcome(Inputs.Of("value", inputs["value"]), Port: null));
}

internal sealed class ConditionExecutor : INodeExecutor
{
    public IReadOnlyDictionary<string, object?> Prepare(NodeContext context) => Inputs.Of("condition", ((ConditionNode)context.Node).Expression);

    public ValueTask<NodeOutcome> ExecuteAsync(NodeContext context, IReadOnlyDictionary<string, object?> inputs, CancellationToken cancellationToken)
    {
        var result = context.Render(TemplateEngine.ParseCondition(((ConditionNode)context.Node).Expression)) == "true";
        return ValueTask.FromResult(new NodeOutcome(Inputs.Of("value", result), result ? PortNames.True : PortNames.False));
    }
}
