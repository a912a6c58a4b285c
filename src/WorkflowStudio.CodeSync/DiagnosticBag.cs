using Microsoft.CodeAnalysis;

namespace WorkflowStudio.CodeSync;

/// <summary>Collects diagnostics with positions taken from the syntax tree.</summary>
internal sealed class DiagnosticBag
{
    private const int MaxShown = 60;

    private readonly List<CodeDiagnostic> _items = [];

    public int Count => _items.Count;

    public IReadOnlyList<CodeDiagnostic> ToList() =>
        [.. _items.OrderBy(d => d.Line).ThenBy(d => d.Column)];

    public void Add(CodeIssue issue, SyntaxNode where, string message) => Add(issue, where.GetLocation(), message);

    public void Add(CodeIssue issue, SyntaxToken where, string message) => Add(issue, where.GetLocation(), message);

    public void Add(CodeIssue issue, Location where, string message)
    {
        var span = where.GetLineSpan();
        _items.Add(new CodeDiagnostic(issue, message,
            span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1,
            span.EndLinePosition.Line + 1, span.EndLinePosition.Character + 1));
    }

    public void AddAtStart(CodeIssue issue, string message) => _items.Add(new CodeDiagnostic(issue, message, 1, 1, 1, 1));

    /// <summary>Source text for a message, on one line and short enough to read.</summary>
    public static string Show(SyntaxNode node)
    {
        var text = string.Join(' ', node.ToString().Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
        return text.Length <= MaxShown ? text : text[..(MaxShown - 1)] + "…";
    }
}
