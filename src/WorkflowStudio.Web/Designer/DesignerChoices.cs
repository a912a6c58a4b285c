namespace WorkflowStudio.Web.Designer;

/// <summary>What the inspector's pickers offer: configured models, knowledge bases and tools, read when a designer opens.</summary>
public sealed record DesignerChoices(IReadOnlyList<string> Models, IReadOnlyList<string> KnowledgeBases, IReadOnlyList<string> Tools)
{
    /// <summary>The choices plus the current value, so a name that is not (or no longer) configured still shows.</summary>
    public static IEnumerable<string> WithCurrent(IEnumerable<string> choices, string? current) =>
        (string.IsNullOrWhiteSpace(current) ? choices : choices.Append(current)).Distinct(StringComparer.Ordinal);
}
