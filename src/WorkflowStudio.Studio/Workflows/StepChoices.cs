using WorkflowStudio.AI.Knowledge;
using WorkflowStudio.AI.Models;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.Studio.Workflows;

/// <summary>What a step's pickers offer: configured models, knowledge bases and tools, read when a designer opens.</summary>
public sealed record StepChoices(IReadOnlyList<string> Models, IReadOnlyList<string> KnowledgeBases, IReadOnlyList<string> Tools)
{
    /// <summary>The choices plus the current value, so a name that is not (or no longer) configured still shows.</summary>
    public static StepChoices From(ModelCatalog models, KnowledgeBaseStore knowledge, IToolRegistry tools) => new(
        [.. models.Models.Select(m => m.Name)],
        knowledge.Names,
        [.. tools.Tools.Select(t => t.Name).Order(StringComparer.Ordinal)]);

    public static IEnumerable<string> WithCurrent(IEnumerable<string> choices, string? current) =>
        (string.IsNullOrWhiteSpace(current) ? choices : choices.Append(current)).Distinct(StringComparer.Ordinal);
}
