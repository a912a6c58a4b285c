using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace WorkflowStudio.AI.Models;

/// <summary>Checks a model's answer against the JSON schema a Prompt node asks for (JsonSchema.Net).</summary>
public sealed partial class StructuredOutput
{
    private readonly JsonSchema _schema;

    public StructuredOutput(string schema)
    {
        try
        {
            _schema = JsonSchema.FromText(schema);
        }
        catch (Exception e) when (e is JsonException or JsonSchemaException or ArgumentException)
        {
            throw new ArgumentException($"The JSON schema cannot be used: {e.Message}", nameof(schema), e);
        }
    }

    /// <summary>The answer as JSON text (code fences removed) when it is valid, else null with the problems found.</summary>
    public string? Validate(string answer, out string problems)
    {
        var json = Unfence(answer);
        try
        {
            using var document = JsonDocument.Parse(json);
            var result = _schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (result.IsValid)
            {
                problems = "";
                return json;
            }
            problems = string.Join("; ", Errors(result).Distinct().Take(5));
            return null;
        }
        catch (JsonException e)
        {
            problems = "not JSON: " + e.Message;
            return null;
        }
    }

    private static IEnumerable<string> Errors(EvaluationResults result)
    {
        foreach (var detail in (IEnumerable<EvaluationResults>)[result, .. result.Details ?? []])
        {
            if (detail.Errors is null) continue;
            foreach (var (_, message) in detail.Errors)
                yield return $"{(detail.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {message}";
        }
    }

    // Chat models often wrap JSON in ```json fences even when asked not to; that is not worth a repair.
    private static string Unfence(string answer)
    {
        var match = Fenced().Match(answer);
        return (match.Success ? match.Groups["body"].Value : answer).Trim();
    }

    [GeneratedRegex(@"^\s*```(?:json)?\s*\n(?<body>.*?)\n?```\s*$", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Fenced();
}
