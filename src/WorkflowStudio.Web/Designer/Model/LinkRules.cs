using WorkflowStudio.Core.Model;

namespace WorkflowStudio.Web.Designer.Model;

/// <summary>Which links the canvas accepts, with a sentence saying why when it does not.</summary>
public static class LinkRules
{
    public static string? Refusal(Workflow workflow, string from, string port, string to)
    {
        var source = workflow.FindNode(from);
        var target = workflow.FindNode(to);
        if (source is null || target is null) return "Both ends of a link must be steps on the canvas.";
        if (from == to) return $"'{source.DisplayName}' cannot link to itself.";
        if (!source.Descriptor.OutputPorts.Contains(port))
            return source.Descriptor.OutputPorts.Count == 0
                ? $"{source.Descriptor.DisplayName} steps end the workflow; links cannot start at '{source.DisplayName}'."
                : $"'{source.DisplayName}' has no '{port}' port; its ports are {string.Join(", ", source.Descriptor.OutputPorts)}.";
        if (!target.Descriptor.HasInput)
            return $"{target.Descriptor.DisplayName} steps start the workflow; nothing can link into '{target.DisplayName}'.";
        foreach (var edge in workflow.Edges)
            if (edge.From == from && edge.Port == port && edge.To == to)
                return $"'{source.DisplayName}' is already linked to '{target.DisplayName}'.";
        return null;
    }

    /// <summary>A link from a step back to one of its ancestors closes a loop.</summary>
    public static bool ClosesLoop(Workflow workflow, string from, string to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { to };
        var stack = new Stack<string>([to]);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current == from) return true;
            foreach (var edge in workflow.Edges)
                if (edge.From == current && seen.Add(edge.To)) stack.Push(edge.To);
        }
        return false;
    }
}
