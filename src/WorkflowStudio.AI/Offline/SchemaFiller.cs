using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowStudio.AI.Offline;

/// <summary>
/// Builds a JSON value that satisfies a JSON schema from the offline model's answer: strings get the
/// answer text, numbers the score (within minimum/maximum), booleans whether the score passes,
/// enums the option most like the answer, and fields named like "reason" the reason.
/// </summary>
public sealed class SchemaFiller(string answer, string reason, double score, Func<IReadOnlyList<string>, int> pickOption)
{
    public JsonNode? Fill(JsonNode? schema, string? propertyName = null)
    {
        if (schema is not JsonObject obj) return JsonValue.Create(answer);
        if (obj["const"] is { } constant) return constant.DeepClone();
        if (obj["enum"] is JsonArray options && options.Count > 0)
            return options[pickOption(options.Select(o => o?.ToString() ?? "").ToList())]?.DeepClone();
        if (obj["anyOf"] is JsonArray anyOf && anyOf.Count > 0) return Fill(anyOf[0], propertyName);
        if (obj["oneOf"] is JsonArray oneOf && oneOf.Count > 0) return Fill(oneOf[0], propertyName);

        return TypeOf(obj) switch
        {
            "object" => FillObject(obj),
            "array" => new JsonArray(Fill(obj["items"], propertyName)),
            "number" => JsonValue.Create(Scaled(obj, integer: false)),
            "integer" => JsonValue.Create((long)Scaled(obj, integer: true)),
            "boolean" => JsonValue.Create(score >= 0.5),
            "null" => null,
            _ => JsonValue.Create(Text(obj, propertyName)),
        };
    }

    private JsonObject FillObject(JsonObject schema)
    {
        var result = new JsonObject();
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties) result[name] = Fill(property, name);
        }
        return result;
    }

    private string Text(JsonObject schema, string? propertyName)
    {
        var text = propertyName is "reason" or "reasons" or "reasoning" or "explanation" or "rationale" ? reason : answer;
        if (schema["maxLength"] is JsonValue max && max.TryGetValue<int>(out var limit) && text.Length > limit) text = text[..limit];
        if (schema["minLength"] is JsonValue min && min.TryGetValue<int>(out var least) && text.Length < least) text = text.PadRight(least, '.');
        return text;
    }

    private double Scaled(JsonObject schema, bool integer)
    {
        var low = Number(schema["minimum"]) ?? 0;
        var high = Number(schema["maximum"]) ?? Math.Max(low + 1, 1);
        var value = low + score * (high - low);
        return integer ? Math.Round(value, MidpointRounding.AwayFromZero) : Math.Round(value, 2);
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    private static string? TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray types => types.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t != "null"),
        _ => schema["properties"] is not null ? "object" : null,
    };

    public static JsonNode? ParseSchema(string schema)
    {
        try
        {
            return JsonNode.Parse(schema);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The JSON schema is not valid JSON: {e.Message}", nameof(schema), e);
        }
    }
}
