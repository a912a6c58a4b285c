using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.Core.Running.Executors;

internal sealed class PromptExecutor(IModelGateway models) : INodeExecutor
{
    public IReadOnlyDictionary<string, object?> Prepare(NodeContext context)
    {
        var node = (PromptNode)context.Node;
        return new Dictionary<string, object?>(2)
        {
            ["system"] = Conversation.RenderSystem(context, node.System),
            ["user"] = context.Render(node.User),
        };
    }

    public async ValueTask<NodeOutcome> ExecuteAsync(NodeContext context, IReadOnlyDictionary<string, object?> inputs, CancellationToken cancellationToken)
    {
        var node = (PromptNode)context.Node;
        var user = (string)inputs["user"]!;
        var messages = Conversation.Build(inputs["system"], node.Memory ? context.Memory : [], user);

        var stream = node.Stream && context.StreamText;
        var request = new ModelRequest(node.Model, messages)
        {
            Temperature = node.Temperature,
            MaxTokens = node.MaxTokens,
            JsonSchema = node.JsonSchema,
            Stream = stream,
            SemanticCacheThreshold = node.SemanticCache ? node.SemanticCacheThreshold : null,
        };
        var response = await models.CompleteAsync(request, stream ? context.Delta : null, cancellationToken).ConfigureAwait(false);

        if (node.Memory)
        {
            context.Memory.Add(new ChatMessage(ChatRole.User, user));
            context.Memory.Add(new ChatMessage(ChatRole.Assistant, response.Text));
        }
        var outputs = new Dictionary<string, object?>(2) { ["text"] = response.Text };
        if (node.JsonSchema is not null) outputs["json"] = PlainJson.Parse(response.Text, node.Id);
        return new NodeOutcome(outputs) { Usage = response };
    }
}

/// <summary>JSON as plain dictionaries and lists, which templates can read ({{step.json.field}}).</summary>
internal static class PlainJson
{
    public static object? Parse(string text, string nodeId)
    {
        try
        {
            return From(JsonNode.Parse(text));
        }
        catch (JsonException e)
        {
            throw new NodeException("invalid_json", $"Step '{nodeId}' expected JSON from the model but got text that is not JSON ({e.Message}).");
        }
    }

    public static object? From(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(kv => kv.Key, kv => From(kv.Value)),
        JsonArray a => a.Select(From).ToList(),
        JsonValue v => From(v),
        _ => node.ToString(),
    };

    // By the JSON kind, not the CLR type: a value built from an int does not read as a long, and was turned into text.
    private static object? From(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Number => Number(value.ToJsonString()),
        JsonValueKind.String => value.Deserialize<string>(),
        _ => value.ToJsonString(),
    };

    // The cast keeps a whole number a long: a conditional of long and double would widen it.
    private static object Number(string json) =>
        long.TryParse(json, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? whole : (object)double.Parse(json, NumberStyles.Float, CultureInfo.InvariantCulture);
}
