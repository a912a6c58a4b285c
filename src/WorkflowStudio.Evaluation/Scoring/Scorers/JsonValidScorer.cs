using WorkflowStudio.AI.Models;

namespace WorkflowStudio.Evaluation.Scoring.Scorers;

/// <summary>
/// The output is JSON, and matches a JSON schema when one is given. Uses the same checker as Prompt steps with a
/// schema (JsonSchema.Net, code fences tolerated), so a scorer and a step never disagree about what is valid.
/// </summary>
public sealed class JsonValidScorer(string name, string? schema = null) : SyncScorer(name)
{
    private readonly StructuredOutput _checker = new(schema ?? "{}");

    protected override Score Score(ScoringInput input) =>
        _checker.Validate(input.Output, out var problems) is not null
            ? Scoring.Score.Pass(1, schema is null ? "Valid JSON." : "Valid JSON matching the schema.")
            : Scoring.Score.Fail(0, problems);
}
