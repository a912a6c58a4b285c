using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Web.Designer.Model;

/// <summary>How a node kind looks: its Material icon and its category colour class; the preview line comes from the kind's metadata.</summary>
public static class NodeVisuals
{
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
}
