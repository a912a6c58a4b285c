using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Web.Evaluations;

/// <summary>One scorer row of the start form: a type from the catalogue and the argument the CLI's short form takes.</summary>
public sealed class ScorerChoice
{
    public string Type { get; set; } = ScorerTypes.Contains;
    public string? Argument { get; set; }

    /// <summary>What the argument means for the type, or null when it takes none.</summary>
    public string? ArgumentHint => Type switch
    {
        ScorerTypes.Contains or ScorerTypes.IContains or ScorerTypes.ContainsAny or ScorerTypes.IContainsAny => "texts a|b (empty: the expected value)",
        ScorerTypes.Exact or ScorerTypes.IExact or ScorerTypes.StartsWith => "literal (empty: the expected value)",
        ScorerTypes.Regex => "pattern",
        ScorerTypes.JsonSchema => "JSON schema",
        ScorerTypes.JsonPath => "JSON path",
        ScorerTypes.Judge => "rubric",
        ScorerTypes.Levenshtein => "maximum distance",
        ScorerTypes.Similarity or ScorerTypes.Semantic => "minimum similarity 0–1",
        ScorerTypes.Numeric => "tolerance",
        ScorerTypes.Faithfulness or ScorerTypes.ContextRecall => "minimum share 0–1 (default 1)",
        ScorerTypes.AnswerRelevance => "minimum relevance 0–1 (default 0.5)",
        ScorerTypes.Workflow => "scorer workflow id (or id@version)",
        ScorerTypes.Latency => "milliseconds",
        ScorerTypes.Tokens => "tokens",
        ScorerTypes.Cost => "cost",
        _ => null,
    };

    /// <summary>The spec, parsed as the CLI parses <c>--scorer type:argument</c>, so both faces accept the same text.</summary>
    public ScorerSpec ToSpec() => ScorerSpec.Parse(string.IsNullOrWhiteSpace(Argument) ? Type : $"{Type}:{Argument}");
}
