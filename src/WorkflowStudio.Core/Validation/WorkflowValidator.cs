using System.Text.RegularExpressions;
using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Core.Templating;

namespace WorkflowStudio.Core.Validation;

/// <summary>Finds every problem in a workflow at once, each with its node, field and a plain sentence.</summary>
public sealed partial class WorkflowValidator(WorkflowLimits? limits = null, IModelGateway? models = null, IRetriever? retriever = null, IToolRegistry? tools = null)
{
    private readonly WorkflowLimits _limits = limits ?? WorkflowLimits.Default;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex IdPattern();

    /// <summary>Reads and validates a workflow file; a file that cannot be read is one problem with its place.</summary>
    public (Workflow? Workflow, IReadOnlyList<ValidationProblem> Problems) ValidateJson(string json)
    {
        if (json.Length > _limits.MaxTextChars * 20)
            return (null, [new(Severity.Error, "too_large", null, null, $"The file is {json.Length:N0} characters; the most a workflow file may have is {_limits.MaxTextChars * 20:N0}.")]);
        if (!WorkflowJson.TryDeserialize(json, out var workflow, out var error))
        {
            var (code, field) = error!.Path.EndsWith(".kind", StringComparison.Ordinal) ? ("unknown_kind", "kind")
                : error.Field is { } setting ? ("invalid_value", setting)
                : ("malformed_json", null);
            return (null, [new(Severity.Error, code, error.NodeId, field, $"{error.Where}: {error.Message}")]);
        }
        return (workflow, Validate(workflow!));
    }

    public IReadOnlyList<ValidationProblem> Validate(Workflow workflow)
    {
        var problems = new List<ValidationProblem>();
        if (workflow.Nodes.Count > _limits.MaxNodes)
            problems.Add(Error("too_many_nodes", null, null, $"The workflow has {workflow.Nodes.Count:N0} steps; the most allowed is {_limits.MaxNodes:N0}."));
        if (string.IsNullOrWhiteSpace(workflow.Id))
            problems.Add(Error("missing_id", null, "id", "The workflow needs an id."));

        CheckIds(workflow, problems);
        var graph = new WorkflowGraph(workflow);
        CheckEdges(workflow, graph, problems);
        CheckReachability(workflow, graph, problems);
        foreach (var node in workflow.Nodes) CheckSettings(node, graph, problems);
        return problems;
    }

    /// <summary>Checks the values a caller gives before a run: known names, required ones present, sizes within limits.</summary>
    public IReadOnlyList<ValidationProblem> ValidateInputs(Workflow workflow, IReadOnlyDictionary<string, string> inputs)
    {
        var problems = new List<ValidationProblem>();
        var declared = workflow.Inputs.ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var name in inputs.Keys.Where(k => !declared.ContainsKey(k)))
            problems.Add(Error("unknown_input", name, null, $"There is no input called '{name}'. The inputs are: {Join(declared.Keys)}."));
        var total = 0L;
        foreach (var input in declared.Values)
        {
            var has = inputs.TryGetValue(input.Id, out var value);
            if (!has && input.Required && input.Default is null)
                problems.Add(Error("input_missing", input.Id, "value", $"The input '{input.Id}' is required{(input.Description is null ? "" : $" ({input.Description})")}."));
            if (value is null) continue;
            total += value.Length;
            if (value.Length > input.MaxLength)
                problems.Add(Error("input_too_large", input.Id, "value", $"The input '{input.Id}' is {value.Length:N0} characters; it accepts at most {input.MaxLength:N0}."));
        }
        if (total > _limits.MaxInputChars)
            problems.Add(Error("inputs_too_large", null, null, $"The inputs add up to {total:N0} characters; a run accepts at most {_limits.MaxInputChars:N0}."));
        return problems;
    }

    private void CheckIds(Workflow workflow, List<ValidationProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in workflow.Nodes)
        {
            if (!IdPattern().IsMatch(node.Id))
                problems.Add(Error("invalid_id", node.Id, "id", $"The step id '{node.Id}' must start with a letter or '_' and use only letters, digits and '_' (at most 64), so templates can name it."));
            if (!seen.Add(node.Id))
                problems.Add(Error("duplicate_id", node.Id, "id", $"Two steps are called '{node.Id}'; each step needs its own id."));
        }
    }

    private void CheckEdges(Workflow workflow, WorkflowGraph graph, List<ValidationProblem> problems)
    {
        var seen = new HashSet<(string, string, string)>();
        foreach (var edge in workflow.Edges)
        {
            var from = workflow.FindNode(edge.From);
            var to = workflow.FindNode(edge.To);
            if (from is null)
                problems.Add(Error("dangling_edge", edge.To, "edges", $"The link {edge} starts at '{edge.From}', which is not a step of this workflow."));
            if (to is null)
                problems.Add(Error("dangling_edge", edge.From, "edges", $"The link {edge} goes to '{edge.To}', which is not a step of this workflow."));
            if (from is null || to is null) continue;

            if (!from.Descriptor.OutputPorts.Contains(edge.Port))
                problems.Add(Error("unknown_port", from.Id, "edges", from.Descriptor.OutputPorts.Count == 0
                    ? $"{from.Descriptor.DisplayName} step '{from.Id}' has no outgoing port, so the link {edge} cannot start there."
                    : $"{from.Descriptor.DisplayName} step '{from.Id}' has no port '{edge.Port}'; its ports are {Join(from.Descriptor.OutputPorts)}."));
            if (!to.Descriptor.HasInput)
                problems.Add(Error("no_input_port", to.Id, "edges", $"{to.Descriptor.DisplayName} step '{to.Id}' takes no incoming link, so {edge} cannot end there."));
            if (edge.From == edge.To && edge.MaxLoops is null)
                problems.Add(Error("unbounded_loop", from.Id, "edges", $"The link {edge} loops '{from.Id}' onto itself without a limit; set maxLoops."));
            if (!seen.Add((edge.From, edge.Port, edge.To)))
                problems.Add(Warning("duplicate_edge", from.Id, "edges", $"The link {edge} appears twice."));
            if (edge.MaxLoops is { } max && (max < 1 || max > _limits.MaxLoops))
                problems.Add(Error("invalid_max_loops", from.Id, "edges", $"The loop {edge} has maxLoops {max}; it must be between 1 and {_limits.MaxLoops:N0}."));
        }

        foreach (var back in graph.BackEdges)
            if (back.MaxLoops is null && back.From != back.To)
                problems.Add(Error("unbounded_loop", back.From, "edges",
                    $"The link {back} closes a loop with no limit, so the run could go round forever. Give it maxLoops (for example 3)."));
    }

    private static void CheckReachability(Workflow workflow, WorkflowGraph graph, List<ValidationProblem> problems)
    {
        var starts = graph.Starts().ToList();
        var reachable = graph.ReachableFrom(starts, forwardOnly: false);
        var hasInputs = workflow.Nodes.Any(n => n is InputNode);
        for (var i = 0; i < workflow.Nodes.Count; i++)
        {
            var node = workflow.Nodes[i];
            if (!reachable.Contains(i))
                problems.Add(Error("unreachable", node.Id, null, $"Step '{node.Id}' can never run: nothing leads into it from where the workflow starts."));
            else if (node is not InputNode && graph.Incoming[i].Count == 0 && graph.Outgoing[i].Count == 0 && workflow.Nodes.Count > 1)
                problems.Add(Warning("not_connected", node.Id, null, $"Step '{node.Id}' is not connected to anything."));
            // Without input steps a first prompt is where the run starts; beside them, a step nothing leads into is a missing link.
            else if (hasInputs && node is not InputNode && graph.Incoming[i].Count == 0)
                problems.Add(Warning("no_way_in", node.Id, null,
                    $"Step '{node.Id}' is unreachable from the inputs: it has links out but nothing leads into it, so it runs at the start without them. Link a step into it."));
        }
        CheckDeadEndPorts(workflow, graph, problems);
    }

    /// <summary>
    /// A judge or condition with one port linked and another not: when the run takes the unlinked port, every output
    /// after the step is skipped and the run "completes" with nothing to show.
    /// </summary>
    private static void CheckDeadEndPorts(Workflow workflow, WorkflowGraph graph, List<ValidationProblem> problems)
    {
        for (var i = 0; i < workflow.Nodes.Count; i++)
        {
            var node = workflow.Nodes[i];
            if (node is not (JudgeNode or ConditionNode) || graph.Outgoing[i].Count == 0) continue;
            var outputs = graph.ReachableFrom([i], forwardOnly: true).Select(n => workflow.Nodes[n]).OfType<OutputNode>().Select(o => o.Id).ToList();
            if (outputs.Count == 0) continue;
            foreach (var port in node.Descriptor.OutputPorts.Where(port => !graph.Outgoing[i].Any(e => e.Port == port)))
                problems.Add(Warning("port_leads_nowhere", node.Id, "edges",
                    $"The {port} port of '{node.Id}' leads nowhere: a run that takes it skips {(outputs.Count == 1 ? "the output" : "the outputs")} {Join(outputs)} and ends with nothing to show. Link the {port} port to a step, or loop it back."));
        }
    }

    private void CheckSettings(Node node, WorkflowGraph graph, List<ValidationProblem> problems)
    {
        var upstream = graph.Index.TryGetValue(node.Id, out var index)
            ? graph.Ancestors(index).Select(i => graph.Workflow.Nodes[i]).ToDictionary(n => n.Id, StringComparer.Ordinal)
            : [];
        foreach (var setting in node.Descriptor.Settings)
        {
            if (setting.RequiredCode is { } code && setting.IsBlank(node))
            {
                var message = $"{node.Descriptor.DisplayName} step '{node.Id}' has no {setting.Label.ToLowerInvariant()}: {setting.Description}";
                problems.Add(setting.BlankIsWarning ? Warning(code, node.Id, setting.Name, message) : Error(code, node.Id, setting.Name, message));
            }
            switch (setting.Get(node))
            {
                case string text when setting.Editor is not (SettingEditor.Template or SettingEditor.Expression):
                    if (CheckLength(node, setting.Name, setting.Label, text, problems)) CheckReference(node, setting, text, problems);
                    break;
                case Enum choice when !Enum.IsDefined(choice.GetType(), choice):
                    problems.Add(Error("invalid_choice", node.Id, setting.Name,
                        $"{setting.Label} of '{node.Id}' is {choice}, which is not one of {Join(setting.Choices)}."));
                    break;
                case { } number when setting.IsNumber:
                    CheckRange(node, setting, Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture), problems);
                    break;
            }
        }
        // Text over the limit is never parsed: parsing cost grows with it and that is what the limit guards.
        foreach (var template in node.Descriptor.Templates(node))
            if (CheckLength(node, template.Field, template.Label, template.Text, problems))
                CheckTemplate(node, template.Field, template.Label, template.Parse(), upstream, problems);
    }

    private void CheckReference(Node node, SettingDescriptor setting, string text, List<ValidationProblem> problems)
    {
        switch (setting.Editor)
        {
            case SettingEditor.Model when models?.CheckModel(text) is { } problem:
                problems.Add(Error("unknown_model", node.Id, setting.Name, problem));
                break;
            case SettingEditor.KnowledgeBase when !string.IsNullOrWhiteSpace(text) && retriever?.CheckKnowledgeBase(text) is { } problem:
                problems.Add(Error("unknown_knowledge_base", node.Id, setting.Name, problem));
                break;
            case SettingEditor.Tool or SettingEditor.ToolList when tools is not null:
                var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (names.FirstOrDefault(n => tools.Find(n) is null) is { } missing)
                    problems.Add(Error("unknown_tool", node.Id, setting.Name, $"There is no tool '{missing}'. Available: {Join(tools.Tools.Select(t => t.Name))}."));
                break;
        }
    }

    private bool CheckLength(Node node, string field, string label, string text, List<ValidationProblem> problems)
    {
        if (text.Length <= _limits.MaxTextChars) return true;
        problems.Add(Error("text_too_large", node.Id, field, $"{label} of '{node.Id}' is {text.Length:N0} characters; the most allowed is {_limits.MaxTextChars:N0}."));
        return false;
    }

    private static void CheckRange(Node node, SettingDescriptor setting, double value, List<ValidationProblem> problems)
    {
        var min = setting.Min ?? double.MinValue;
        var max = setting.Max ?? double.MaxValue;
        if (double.IsFinite(value) && value >= min && value <= max) return;
        var range = (setting.Min, setting.Max) switch
        {
            ({ } low, { } high) => $"between {low:0.###} and {high:0.###}",
            ({ } low, null) => $"at least {low:0.###}",
            (null, { } high) => $"at most {high:0.###}",
            _ => "a finite number",
        };
        var shown = Math.Abs(value) < 1e9 ? value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : value.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
        problems.Add(Error("out_of_range", node.Id, setting.Name, $"{setting.Label} of '{node.Id}' is {shown}; it must be {range}."));
    }

    private static void CheckTemplate(Node node, string field, string label, ParsedTemplate template, Dictionary<string, Node> upstream, List<ValidationProblem> problems)
    {
        if (template.Error is not null)
        {
            problems.Add(Error("template_syntax", node.Id, field, $"{label} of '{node.Id}': {template.Error}"));
            return;
        }
        foreach (var reference in template.References)
        {
            if (!upstream.TryGetValue(reference.Root, out var source))
            {
                problems.Add(Error("unknown_variable", node.Id, field, upstream.Count == 0
                    ? $"{label} of '{node.Id}' uses {{{{{reference}}}}}, but no step leads into '{node.Id}'."
                    : $"{label} of '{node.Id}' uses {{{{{reference}}}}}, but no step before it is called '{reference.Root}'. Steps before it: {Join(upstream.Keys)}."));
                continue;
            }
            var outputs = source.Descriptor.Outputs;
            if (reference.Member is { } member && source is not InputNode && outputs.Count > 0 && !outputs.Contains(member))
                problems.Add(Error("unknown_output", node.Id, field,
                    $"{label} of '{node.Id}' uses {{{{{reference}}}}}, but '{source.Id}' provides {Join(outputs.Select(o => source.Id + "." + o))}."));
        }
    }

    private static string Join(IEnumerable<string> items)
    {
        var list = items.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "(none)" : string.Join(", ", list);
    }

    private static ValidationProblem Error(string code, string? nodeId, string? field, string message) => new(Severity.Error, code, nodeId, field, message);

    private static ValidationProblem Warning(string code, string? nodeId, string? field, string message) => new(Severity.Warning, code, nodeId, field, message);
}
