using System.Globalization;
using System.Text.Json.Serialization;

namespace WorkflowStudio.Evaluation.Scoring;

/// <summary>
/// A scorer as configured (in an eval file, the CLI or the studio): its type, what it checks and its settings.
/// By default it checks the workflow's first output against the case's expected value for that output; with
/// <see cref="Step"/> it checks one step's output (<see cref="Field"/>) against the case's expected value for that step.
/// </summary>
public sealed record ScorerSpec(string Type)
{
    /// <summary>Unique within an evaluation; defaults to the type, plus "@step" for a per-step check.</summary>
    public string? Name { get; init; }
    public string? Output { get; init; }
    public string? Step { get; init; }
    public string Field { get; init; } = "text";
    /// <summary>A literal expected value instead of the case's.</summary>
    public string? Expected { get; init; }
    /// <summary>Texts for contains / icontains; empty means the expected value.</summary>
    public IReadOnlyList<string>? Values { get; init; }
    /// <summary>For contains: all of the values (default) or any of them.</summary>
    public bool Any { get; init; }
    public string? Pattern { get; init; }
    /// <summary>Tolerance, maximum distance, minimum similarity or budget, by type.</summary>
    public double? Threshold { get; init; }
    public string? Schema { get; init; }
    public string? Path { get; init; }
    public string? Rubric { get; init; }
    public string? Model { get; init; }
    /// <summary>For the RAG scorers: the retrieval step whose passages they read (default: the workflow's first retrieval step).</summary>
    public string? Context { get; init; }
    /// <summary>For a workflow scorer: the saved scorer workflow, <c>id</c> (its latest version) or <c>id@version</c>.</summary>
    public string? Workflow { get; init; }

    [JsonIgnore]
    public string DisplayName => Name ?? (Step is null ? Type : $"{Type}@{Step}");

    /// <summary>
    /// The CLI's short form, <c>type[:argument]</c>: <c>exact</c>, <c>icontains</c>, <c>contains:a|b</c>,
    /// <c>contains-any:a|b</c>, <c>regex:^answer-\d+</c>, <c>levenshtein:10</c>, <c>similarity:0.8</c>,
    /// <c>semantic:0.8</c>, <c>numeric:0.01</c>, <c>json</c>, <c>json-schema:{...}</c>, <c>json-path:$.a</c>,
    /// <c>judge:rubric</c>, <c>latency:2000</c>, <c>tokens:500</c>, <c>cost:0.01</c>, <c>faithfulness:0.8</c>,
    /// <c>context-recall:1</c>, <c>answer-relevance:0.5</c>, <c>workflow:my-judge</c> or <c>workflow:my-judge@3</c>.
    /// </summary>
    public static ScorerSpec Parse(string text)
    {
        var colon = text.IndexOf(':');
        var type = (colon < 0 ? text : text[..colon]).Trim().ToLowerInvariant();
        var argument = colon < 0 ? null : text[(colon + 1)..];
        var spec = new ScorerSpec(type);
        if (argument is null) return spec;
        return type switch
        {
            ScorerTypes.Contains or ScorerTypes.IContains => spec with { Values = argument.Split('|') },
            ScorerTypes.ContainsAny or ScorerTypes.IContainsAny => spec with { Values = argument.Split('|'), Any = true },
            ScorerTypes.Regex => spec with { Pattern = argument },
            ScorerTypes.JsonSchema => spec with { Schema = argument },
            ScorerTypes.JsonPath => spec with { Path = argument },
            ScorerTypes.Judge => spec with { Rubric = argument },
            ScorerTypes.Workflow => spec with { Workflow = argument.Trim() },
            ScorerTypes.Exact or ScorerTypes.StartsWith => spec with { Expected = argument },
            _ when double.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => spec with { Threshold = number },
            _ => throw new FormatException($"Scorer '{text}': '{argument}' should be a number for {type}."),
        };
    }
}

public static class ScorerTypes
{
    public const string Exact = "exact";
    public const string IExact = "iexact";
    public const string Contains = "contains";
    public const string IContains = "icontains";
    public const string ContainsAny = "contains-any";
    public const string IContainsAny = "icontains-any";
    public const string StartsWith = "starts-with";
    public const string Regex = "regex";
    public const string Json = "json";
    public const string JsonSchema = "json-schema";
    public const string JsonPath = "json-path";
    public const string Numeric = "numeric";
    public const string Levenshtein = "levenshtein";
    public const string Similarity = "similarity";
    public const string Semantic = "semantic";
    public const string Judge = "judge";
    public const string Latency = "latency";
    public const string Tokens = "tokens";
    public const string Cost = "cost";
    public const string Faithfulness = "faithfulness";
    public const string ContextRecall = "context-recall";
    public const string AnswerRelevance = "answer-relevance";
    public const string Workflow = "workflow";

    /// <summary>The scorers that read a retrieval step's passages.</summary>
    public static readonly IReadOnlySet<string> Rag = new HashSet<string>([Faithfulness, ContextRecall]);

    public static readonly IReadOnlyList<string> All =
        [Exact, IExact, Contains, IContains, ContainsAny, IContainsAny, StartsWith, Regex, Json, JsonSchema, JsonPath, Numeric, Levenshtein, Similarity, Semantic, Judge, Latency, Tokens, Cost,
         Faithfulness, ContextRecall, AnswerRelevance, Workflow];
}
