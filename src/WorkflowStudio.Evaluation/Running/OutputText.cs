using System.Globalization;
using System.Text.Json;

namespace WorkflowStudio.Evaluation.Running;

/// <summary>A run's output value as the text scorers compare and datasets store: strings as they are, anything else as JSON.</summary>
public static class OutputText
{
    public static string Of(object? value) => value switch
    {
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        JsonElement e => e.GetRawText(),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value),
    };

    /// <summary>A run's stored outputs (a JSON object by output name) as one text: a single output alone, several as "name: value" paragraphs.</summary>
    public static string OfOutputs(string? json)
    {
        if (string.IsNullOrEmpty(json)) return "";
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return json;
            var outputs = document.RootElement.EnumerateObject().ToList();
            return outputs.Count == 1 ? Of(outputs[0].Value) : string.Join("\n\n", outputs.Select(o => $"{o.Name}: {Of(o.Value)}"));
        }
        catch (JsonException) { return json; }
    }
}
