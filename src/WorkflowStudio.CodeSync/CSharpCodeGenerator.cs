using System.Collections;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.CodeSync;

/// <summary>
/// Writes a workflow as the canonical C# definition: one static class whose Build() is a WorkflowBuilder chain,
/// nodes in <see cref="CanonicalForm"/> order, settings only where they differ from their defaults, positions last.
/// </summary>
public static class CSharpCodeGenerator
{
    public const string DefaultNamespace = "Workflows";

    private const int LineWidth = 100;
    private const int ChainIndent = 8;
    private const int SettingIndent = ChainIndent + 4;

    /// <summary>
    /// The definition of <paramref name="workflow"/>. Throws <see cref="ArgumentException"/> only for what C# literals
    /// cannot say (a node kind without a builder method, a port name containing a dot, an unnamed enum value).
    /// </summary>
    public static string Generate(Workflow workflow, string @namespace = DefaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (!IsNamespace(@namespace))
            throw new ArgumentException($"'{@namespace}' is not a C# namespace name.", nameof(@namespace));

        workflow = CanonicalForm.Of(workflow);
        var usings = new SortedSet<string>(StringComparer.Ordinal) { typeof(WorkflowBuilder).Namespace!, typeof(Workflow).Namespace! };
        var chain = new StringBuilder();

        chain.Append("new ").Append(nameof(WorkflowBuilder)).Append('(').Append(CSharpLiterals.Text(workflow.Id, 4));
        if (workflow.Name != workflow.Id) chain.Append(", ").Append(CSharpLiterals.Text(workflow.Name, 4));
        chain.Append(')');
        if (workflow.Description is { } description)
            ChainLine(chain).Append('.').Append(nameof(WorkflowBuilder.Description)).Append('(').Append(CSharpLiterals.Text(description, ChainIndent)).Append(')');

        foreach (var node in workflow.Nodes) WriteNode(ChainLine(chain), node, usings);
        foreach (var edge in workflow.Edges) WriteEdge(ChainLine(chain), edge);
        WriteLayout(chain, workflow);
        ChainLine(chain).Append('.').Append(nameof(WorkflowBuilder.Build)).Append("();");

        var code = new StringBuilder(chain.Length + 512);
        foreach (var name in usings) code.Append("using ").Append(name).Append(";\n");
        code.Append('\n')
            .Append("namespace ").Append(@namespace).Append(";\n\n")
            .Append("public static class ").Append(ClassName(workflow.Id)).Append('\n')
            .Append("{\n")
            .Append("    public static ").Append(nameof(Workflow)).Append(" Build() => ").Append(chain).Append('\n')
            .Append("}\n");
        return code.ToString();
    }

    /// <summary>A PascalCase class name from the workflow id ("seo-article" → SeoArticle); the parser accepts any name.</summary>
    public static string ClassName(string workflowId)
    {
        var name = new StringBuilder();
        var upper = true;
        foreach (var c in workflowId)
        {
            if (!char.IsLetterOrDigit(c) || c > 0x7F)
            {
                upper = true;
                continue;
            }
            name.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        if (name.Length == 0 || char.IsDigit(name[0])) name.Insert(0, "Workflow");
        // A class named like a type the definition uses (Workflow, JudgeScale...) would hide that type.
        if (ImportedTypeNames.Contains(name.ToString())) name.Append("Definition");
        return name.ToString();
    }

    private static readonly HashSet<string> ImportedTypeNames = typeof(Workflow).Assembly.GetExportedTypes()
        .Where(t => t.Namespace == typeof(Workflow).Namespace || t.Namespace == typeof(WorkflowBuilder).Namespace)
        .Select(t => t.Name.Split('`')[0])
        .ToHashSet(StringComparer.Ordinal);

    private static StringBuilder ChainLine(StringBuilder chain) => chain.Append('\n').Append(' ', ChainIndent);

    private static void WriteNode(StringBuilder line, Node node, SortedSet<string> usings)
    {
        var adder = BuilderApi.AdderFor(node);
        usings.Add(adder.Method.DeclaringType!.Namespace!);
        var arguments = new List<object?> { node.Id };
        arguments.AddRange(adder.Positional.Select(p => p.Setting.Get(node)));
        var calls = SettingCalls(adder, node);
        foreach (var value in arguments.Concat(calls.SelectMany(c => c.Arguments)))
            if (value is Enum e) usings.Add(e.GetType().Namespace!);

        var call = new StringBuilder().Append(' ', ChainIndent).Append('.').Append(adder.Name).Append('(')
            .AppendJoin(", ", arguments.Select(a => Literal(a, ChainIndent)));
        if (calls.Count > 0)
        {
            var parameter = char.ToLowerInvariant(adder.Name[0]).ToString();
            call.Append(", ").Append(parameter).Append(" => ").Append(parameter);
            var inline = string.Concat(calls.Select(c => c.Render(0)));
            var text = call.ToString();
            var lastLine = text.Length - text.LastIndexOf('\n') - 1;
            if (!inline.Contains('\n') && lastLine + inline.Length + 1 <= LineWidth)
                call.Append(inline);
            else
                foreach (var setting in calls) call.Append('\n').Append(' ', SettingIndent).Append(setting.Render(SettingIndent));
        }
        line.Append(call.Append(')'), ChainIndent, call.Length - ChainIndent);
    }

    private static List<SettingCall> SettingCalls(NodeAdder adder, Node node)
    {
        var calls = new List<SettingCall>();
        foreach (var setting in adder.Descriptor.Settings)
        {
            if (adder.IsPositional(setting) || setting.IsDefault(node)) continue;
            var value = setting.Get(node);
            if (!adder.SettingMethods.TryGetValue(setting.BuilderMethod, out var method))
                throw new ArgumentException($"Setting {setting.Name} of {adder.Descriptor.DisplayName} nodes has no builder method {setting.BuilderMethod}, so node '{node.Id}' cannot be written as C#.", nameof(node));
            var parameters = method.GetParameters();
            if (value is null)
                throw new ArgumentException($"Node '{node.Id}' has no {setting.Name}, which {method.Name}() cannot express.", nameof(node));
            if (IsMap(setting.ValueType) && parameters.Length == 2)
                foreach (var (key, item) in Entries((IEnumerable)value)) calls.Add(new SettingCall(method.Name, [key, item]));
            else if (parameters is [{ HasDefaultValue: true } only] && Equals(only.DefaultValue, value))
                calls.Add(new SettingCall(method.Name, []));
            else
                calls.Add(new SettingCall(method.Name, [value]));
        }
        return calls;
    }

    private static void WriteEdge(StringBuilder line, Edge edge)
    {
        if (edge.Port.Contains('.'))
            throw new ArgumentException($"The edge {edge} leaves from port '{edge.Port}'; port names with a dot cannot be written as C#.", nameof(edge));
        // "a.b" would read back as node a, port b, so a dotted id always names its port.
        var from = edge.Port == PortNames.Out && !edge.From.Contains('.') ? edge.From : $"{edge.From}.{edge.Port}";
        line.Append('.').Append(nameof(WorkflowBuilder.Edge)).Append('(')
            .Append(CSharpLiterals.Text(from, ChainIndent)).Append(", ").Append(CSharpLiterals.Text(edge.To, ChainIndent));
        if (edge.MaxLoops is { } maxLoops) line.Append(", maxLoops: ").Append(CSharpLiterals.Value(maxLoops));
        line.Append(')');
    }

    private static void WriteLayout(StringBuilder chain, Workflow workflow)
    {
        if (workflow.Layout.Count == 0) return;
        ChainLine(chain).Append('.').Append(nameof(WorkflowBuilder.Layout)).Append('(');
        var first = true;
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in workflow.Nodes)
        {
            if (!written.Add(node.Id) || !workflow.Layout.TryGetValue(node.Id, out var position)) continue;
            chain.Append(first ? "" : ",").Append('\n').Append(' ', SettingIndent)
                .Append('(').Append(CSharpLiterals.Text(node.Id, SettingIndent)).Append(", ")
                .Append(CSharpLiterals.Number(position.X)).Append(", ").Append(CSharpLiterals.Number(position.Y)).Append(')');
            first = false;
        }
        chain.Append(')');
    }

    private static string Literal(object? value, int indent) => value is string text ? CSharpLiterals.Text(text, indent) : CSharpLiterals.Value(value);

    private static bool IsMap(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueMap<>);

    private static IEnumerable<(string Key, object? Value)> Entries(IEnumerable map)
    {
        foreach (var entry in map)
        {
            var type = entry.GetType();
            yield return ((string)type.GetProperty("Key")!.GetValue(entry)!, type.GetProperty("Value")!.GetValue(entry));
        }
    }

    private static bool IsNamespace(string name) =>
        name.Length > 0 && name.Split('.').All(part => SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None);

    private sealed record SettingCall(string Method, object?[] Arguments)
    {
        public string Render(int indent) => $".{Method}({string.Join(", ", Arguments.Select(a => Literal(a, indent)))})";
    }
}
