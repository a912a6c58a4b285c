using System.Globalization;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tools;

/// <summary>Reads a tool's string arguments, with a clear <see cref="ToolException"/> for a missing or malformed one.</summary>
public static class Arguments
{
    public static string Required(this IReadOnlyDictionary<string, string> arguments, string tool, string name) =>
        arguments.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ToolException("missing_argument", $"{tool} needs the argument '{name}'.");

    public static string? Optional(this IReadOnlyDictionary<string, string> arguments, string name) =>
        arguments.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    public static int Integer(this IReadOnlyDictionary<string, string> arguments, string tool, string name, int fallback, int min, int max)
    {
        if (arguments.Optional(name) is not { } text) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new ToolException("bad_argument", $"{tool}: '{name}' must be a whole number from {min} to {max}, not '{text}'.");
        return value;
    }
}
