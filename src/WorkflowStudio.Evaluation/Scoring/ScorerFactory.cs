using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Offline;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Evaluation.Scoring.Scorers;

namespace WorkflowStudio.Evaluation.Scoring;

/// <summary>Builds scorers from specs. Bad settings fail here, before any case runs, with the scorer's name.</summary>
public sealed class ScorerFactory(IServiceProvider services)
{
    /// <param name="scorerWorkflow">For a workflow scorer, the definition <see cref="ScorerSpec.Workflow"/> names, read by the caller.</param>
    public IScorer Create(ScorerSpec spec, Workflow? scorerWorkflow = null)
    {
        var name = spec.DisplayName;
        try
        {
            return spec.Type switch
            {
                ScorerTypes.Exact => new ExactScorer(name),
                ScorerTypes.IExact => new ExactScorer(name, ignoreCase: true),
                ScorerTypes.Contains => new ContainsScorer(name, spec.Values, spec.Any ? Match.AnyOf : Match.AllOf),
                ScorerTypes.IContains => new ContainsScorer(name, spec.Values, spec.Any ? Match.AnyOf : Match.AllOf, ignoreCase: true),
                ScorerTypes.ContainsAny => new ContainsScorer(name, spec.Values, Match.AnyOf),
                ScorerTypes.IContainsAny => new ContainsScorer(name, spec.Values, Match.AnyOf, ignoreCase: true),
                ScorerTypes.StartsWith => new StartsWithScorer(name),
                ScorerTypes.Regex => new RegexScorer(name, spec.Pattern ?? throw Missing(name, "a pattern")),
                ScorerTypes.Json => new JsonValidScorer(name),
                ScorerTypes.JsonSchema => new JsonValidScorer(name, spec.Schema ?? throw Missing(name, "a schema")),
                ScorerTypes.JsonPath => new JsonPathEqualsScorer(name, spec.Path ?? throw Missing(name, "a path")),
                ScorerTypes.Numeric => new NumericScorer(name, spec.Threshold ?? 0),
                ScorerTypes.Levenshtein => new LevenshteinScorer(name, (int)(spec.Threshold ?? 0)),
                ScorerTypes.Similarity => new EditSimilarityScorer(name, spec.Threshold ?? 0.8),
                ScorerTypes.Semantic => new SemanticSimilarityScorer(name, services.GetRequiredService<Embedder>(), spec.Threshold ?? 0.8),
                ScorerTypes.Judge => new JudgeScorer(name, services.GetRequiredService<IModelGateway>(),
                    spec.Rubric ?? throw Missing(name, "a rubric"), spec.Model ?? PromptNode.DefaultModel, spec.Threshold ?? 0.7),
                ScorerTypes.Faithfulness => new FaithfulnessScorer(name, services.GetRequiredService<ClaimChecker>(), spec.Threshold ?? 1),
                ScorerTypes.ContextRecall => new ContextRecallScorer(name, services.GetRequiredService<ClaimChecker>(), spec.Threshold ?? 1),
                ScorerTypes.AnswerRelevance => new AnswerRelevanceScorer(name, services.GetRequiredService<Embedder>(), spec.Threshold ?? 0.5),
                ScorerTypes.Workflow => new WorkflowScorer(name,
                    new Runner(services.GetRequiredService<IModelGateway>(), services.GetRequiredService<IRetriever>(), services.GetRequiredService<IToolRegistry>()),
                    scorerWorkflow ?? throw Missing(name, "a saved scorer workflow (workflow:id or workflow:id@version)"), spec.Threshold ?? 0.5),
                ScorerTypes.Latency => new RunBudgetScorer(name, Budget.LatencyMs, spec.Threshold ?? throw Missing(name, "a maximum in ms")),
                ScorerTypes.Tokens => new RunBudgetScorer(name, Budget.Tokens, spec.Threshold ?? throw Missing(name, "a maximum number of tokens")),
                ScorerTypes.Cost => new RunBudgetScorer(name, Budget.Cost, spec.Threshold ?? throw Missing(name, "a maximum cost")),
                _ => throw new ArgumentException($"Unknown scorer type '{spec.Type}'. Known: {string.Join(", ", ScorerTypes.All)}."),
            };
        }
        catch (ArgumentException e) when (!e.Message.StartsWith("Scorer '", StringComparison.Ordinal) && !e.Message.StartsWith("Unknown", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Scorer '{name}': {e.Message}", e);
        }
    }

    private static ArgumentException Missing(string name, string what) => new($"Scorer '{name}' needs {what}.");
}
