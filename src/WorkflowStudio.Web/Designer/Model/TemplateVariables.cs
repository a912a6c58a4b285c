using System.Text.RegularExpressions;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Web.Designer.Model;

/// <summary>A value a template may use, e.g. {{writer.text}}, and which step provides it.</summary>
public sealed record TemplateVariable(string Name, string Root, string Source)
{
    public string Token => "{{" + Name + "}}";
}

/// <summary>One piece of a template as the prompt editor shows it: plain text or a {{variable}}.</summary>
public sealed record TemplateSegment(string Text, string? Variable, bool Known);

public static partial class TemplateVariables
{
    [GeneratedRegex(@"\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?[^}]*?-?\}\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.]*)$")]
    private static partial Regex OpenReference();

    /// <summary>What the steps upstream of <paramref name="nodeId"/> provide: an input by its id, other steps by id.output.</summary>
    public static IReadOnlyList<TemplateVariable> Available(Workflow workflow, string nodeId)
    {
        var graph = new WorkflowGraph(workflow);
        if (!graph.Index.TryGetValue(nodeId, out var index)) return [];
        var result = new List<TemplateVariable>();
        foreach (var ancestor in graph.Ancestors(index).Order())
        {
            var node = workflow.Nodes[ancestor];
            if (node.Id == nodeId) continue;
            if (node is InputNode)
                result.Add(new TemplateVariable(node.Id, node.Id, node.DisplayName));
            else
                result.AddRange(node.Descriptor.Outputs.Select(o => new TemplateVariable($"{node.Id}.{o}", node.Id, node.DisplayName)));
        }
        return result;
    }

    /// <summary>Splits a template into text and variable segments, marking variables whose step is not upstream.</summary>
    public static IReadOnlyList<TemplateSegment> Segments(string template, IReadOnlyCollection<TemplateVariable> available)
    {
        var roots = available.Select(v => v.Root).ToHashSet(StringComparer.Ordinal);
        var names = available.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var segments = new List<TemplateSegment>();
        var last = 0;
        foreach (Match match in Reference().Matches(template))
        {
            if (match.Index > last) segments.Add(new TemplateSegment(template[last..match.Index], null, true));
            var root = match.Groups[1].Value;
            var name = match.Groups[2].Success ? $"{root}.{match.Groups[2].Value}" : root;
            // Inputs are plain values, so any member of one is accepted, as validation does.
            var known = match.Groups[2].Success ? names.Contains(name) || names.Contains(root) : roots.Contains(root);
            segments.Add(new TemplateSegment(match.Value, name, known));
            last = match.Index + match.Length;
        }
        if (last < template.Length) segments.Add(new TemplateSegment(template[last..], null, true));
        return segments;
    }

    /// <summary>The distinct variables a template names that nothing upstream provides.</summary>
    public static IReadOnlyList<string> Unknown(string template, IReadOnlyCollection<TemplateVariable> available) =>
        [.. Segments(template, available).Where(s => s.Variable is not null && !s.Known).Select(s => s.Variable!).Distinct()];

    /// <summary>When the text ends inside an unfinished "{{", what has been typed after it; otherwise null.</summary>
    public static string? OpenPrefix(string template)
    {
        var match = OpenReference().Match(template);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>Completes the unfinished "{{..." at the end of the text with the chosen variable.</summary>
    public static string Complete(string template, TemplateVariable variable)
    {
        var match = OpenReference().Match(template);
        return match.Success ? template[..match.Index] + variable.Token : template + variable.Token;
    }
}
