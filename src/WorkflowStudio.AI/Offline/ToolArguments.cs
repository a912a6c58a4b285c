using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WorkflowStudio.AI.Offline;

/// <summary>
/// How the offline model fills a tool's arguments from the request: a URL for url parameters, the
/// arithmetic in the request for an expression, a schema default or the closest enum option where
/// given, and the request itself for any other text.
/// </summary>
public static partial class ToolArguments
{
    public static Dictionary<string, string> Guess(string parametersSchema, string request, Func<IReadOnlyList<string>, int> pickOption)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        if (SchemaFiller.ParseSchema(parametersSchema) is not JsonObject { } schema || schema["properties"] is not JsonObject properties)
            return arguments;
        var required = (schema["required"] as JsonArray)?.Select(r => r?.ToString()).ToHashSet() ?? [];
        foreach (var (name, node) in properties)
        {
            if (node is not JsonObject property) continue;
            var value = Guess(name, property, request, pickOption);
            if (value is not null && (required.Contains(name) || property["default"] is null)) arguments[name] = value;
        }
        return arguments;
    }

    private static string? Guess(string name, JsonObject property, string request, Func<IReadOnlyList<string>, int> pickOption)
    {
        if (property["enum"] is JsonArray options && options.Count > 0)
            return options[pickOption(options.Select(o => o?.ToString() ?? "").ToList())]?.ToString();
        if (property["default"] is { } fallback) return fallback.ToString();
        var type = property["type"]?.ToString() ?? "string";
        if (type != "string") return null;
        if (name.Contains("url", StringComparison.OrdinalIgnoreCase)) return Url().Match(request) is { Success: true } url ? url.Value : null;
        if (name.Contains("expression", StringComparison.OrdinalIgnoreCase)) return Arithmetic(request) ?? request;
        return request;
    }

    private static string? Arithmetic(string text) =>
        Expression().Matches(text)
            .Select(m => m.Value.Trim())
            .Where(v => v.Any(char.IsDigit) && v.IndexOfAny(['+', '-', '*', '/', '^', '%']) > 0)
            .MaxBy(v => v.Length);

    [GeneratedRegex(@"https?://[^\s""'<>)\]]+")]
    private static partial Regex Url();

    [GeneratedRegex(@"(?:sqrt|abs|round|min|max|pow|log|ln|exp|[\d\s\.\+\-\*/\^\(\)%,])+", RegexOptions.IgnoreCase)]
    private static partial Regex Expression();
}
