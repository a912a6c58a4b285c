using System.Text.Json;
using WorkflowStudio.AI.Models;

namespace WorkflowStudio.Evaluation.Scoring.Scorers;

/// <summary>The value at a path (<c>$.order.items[0].sku</c>) of the JSON output equals the expected value.</summary>
public sealed class JsonPathEqualsScorer(string name, string path) : SyncScorer(name)
{
    private static readonly StructuredOutput AnyJson = new("{}");
    private readonly IReadOnlyList<object> _steps = JsonPath.Parse(path);

    protected override Score Score(ScoringInput input)
    {
        var expected = input.RequireExpected(Name).Trim();
        if (AnyJson.Validate(input.Output, out var problems) is not { } json) return Scoring.Score.Fail(0, problems);
        using var document = JsonDocument.Parse(json);
        if (JsonPath.Find(document.RootElement, _steps) is not { } found) return Scoring.Score.Fail(0, $"Nothing at {path}.");
        var actual = found.ValueKind == JsonValueKind.String ? found.GetString()! : found.GetRawText();
        var equal = found.ValueKind == JsonValueKind.Number && double.TryParse(expected, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? found.GetDouble() == number
            : string.Equals(actual, expected, StringComparison.Ordinal);
        return equal
            ? Scoring.Score.Pass(1, $"{path} is \"{Quote.Short(actual)}\".")
            : Scoring.Score.Fail(0, $"{path} is \"{Quote.Short(actual)}\", expected \"{Quote.Short(expected)}\".");
    }
}

/// <summary>The small subset of JSONPath a check needs: <c>$</c>, <c>.name</c>, <c>['name']</c> and <c>[index]</c>.</summary>
internal static class JsonPath
{
    public static IReadOnlyList<object> Parse(string path)
    {
        var steps = new List<object>();
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                if (end < 0) end = path.Length;
                if (end == i + 1) throw Bad(path, i);
                steps.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0) throw Bad(path, i);
                var inside = path[(i + 1)..end].Trim();
                if (inside.Length >= 2 && inside[0] is '\'' or '"' && inside[^1] == inside[0]) steps.Add(inside[1..^1]);
                else if (int.TryParse(inside, out var index) && index >= 0) steps.Add(index);
                else throw Bad(path, i);
                i = end + 1;
            }
            else if (i == 0)
            {
                // A path without "$." such as "order.total" starts with a name.
                var end = path.IndexOfAny(['.', '[']);
                steps.Add(end < 0 ? path : path[..end]);
                i = end < 0 ? path.Length : end;
            }
            else throw Bad(path, i);
        }
        return steps;
    }

    public static JsonElement? Find(JsonElement root, IReadOnlyList<object> steps)
    {
        var current = root;
        foreach (var step in steps)
        {
            if (step is string name && current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var child)) current = child;
            else if (step is int index && current.ValueKind == JsonValueKind.Array && index < current.GetArrayLength()) current = current[index];
            else return null;
        }
        return current;
    }

    private static ArgumentException Bad(string path, int at) => new($"The JSON path '{path}' cannot be read at character {at + 1}; use $.name, ['name'] and [0].");
}
