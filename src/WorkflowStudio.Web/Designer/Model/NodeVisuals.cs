using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Web.Designer.Model;

/// <summary>How a node kind looks: its Material icon, its category colour class and a one-line preview of its key setting.</summary>
public static class NodeVisuals
{
    private const int PreviewWords = 8;
    private static readonly ConcurrentDictionary<string, string> IconCache = new(StringComparer.Ordinal);

    /// <summary>Descriptors name icons the Material way ("call_split"); MudBlazor holds them as SVG constants ("CallSplit").</summary>
    public static string Icon(string materialName) => IconCache.GetOrAdd(materialName, name =>
    {
        var pascal = string.Concat(name.Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
        return typeof(MudBlazor.Icons.Material.Filled).GetField(pascal, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string
               ?? MudBlazor.Icons.Material.Filled.Widgets;
    });

    public static string CategoryClass(NodeCategory category) => "step-cat-" + category.ToString().ToLowerInvariant();

    public static string CategoryName(NodeCategory category) => category switch
    {
        NodeCategory.InputOutput => "Inputs & outputs",
        NodeCategory.Ai => "AI",
        NodeCategory.Knowledge => "Knowledge",
        NodeCategory.Tools => "Tools",
        NodeCategory.Quality => "Quality",
        NodeCategory.Flow => "Flow",
        _ => category.ToString(),
    };

    public static string Preview(Node node) => node switch
    {
        PromptNode p => Join(p.Model, FirstWords(p.User)),
        AgentNode a => Join(a.Model, FirstWords(a.User) ?? (a.ToolNames.Any() ? string.Join(", ", a.ToolNames) : "every tool")),
        RetrievalNode r => Join(Or(r.KnowledgeBase, "no knowledge base"), $"top {r.TopK}"),
        ToolNode t => Join(Or(t.Tool, "no tool chosen"), t.Args.Count == 0 ? null : string.Join(", ", t.Args.Keys)),
        JudgeNode j => Join(FirstWords(j.Rubric) ?? "no rubric", "pass ≥ " + j.PassAt.ToString("0.##", CultureInfo.InvariantCulture)),
        ConditionNode c => c.Expression,
        InputNode i => i.Description ?? (i.Required ? "required input" : "optional input"),
        OutputNode o => Or(o.Value, "empty output"),
        _ => node.Descriptor.Description,
    };

    private static string? FirstWords(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= PreviewWords ? string.Join(' ', words) : string.Join(' ', words.Take(PreviewWords)) + "…";
    }

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;

    private static string Join(string? first, string? second) =>
        string.Join(" · ", new[] { first, second }.Where(s => !string.IsNullOrWhiteSpace(s)));
}
