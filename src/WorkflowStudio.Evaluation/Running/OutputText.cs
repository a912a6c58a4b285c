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
}
