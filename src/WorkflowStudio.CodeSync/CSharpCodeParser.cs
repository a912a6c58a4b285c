using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using WorkflowStudio.Core.Model;

namespace WorkflowStudio.CodeSync;

/// <summary>
/// Reads a C# definition back into a workflow from its syntax tree alone: the code is never compiled or run. The
/// definition is a file of usings and an optional namespace around one class whose Build() returns a WorkflowBuilder
/// chain of literal values; everything else is reported with its line and column.
/// </summary>
public static class CSharpCodeParser
{
    /// <summary>Far above any real definition (a 500-node one is about 100 KB); keeps a paste of junk cheap to refuse.</summary>
    public const int MaxLength = 4_000_000;

    private const int MaxSyntaxErrors = 20;

    private const int MaxNesting = 256;

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Regular);

    private const string Shape = "public static Workflow Build() => new WorkflowBuilder(\"id\")...Build();";

    /// <summary>The workflow the definition describes, in <see cref="CanonicalForm"/>, or every problem found; never both, never a throw.</summary>
    public static CodeParseResult Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var diagnostics = new DiagnosticBag();
        if (source.Length > MaxLength)
        {
            diagnostics.AddAtStart(CodeIssue.TooLarge, $"The code is {source.Length:N0} characters long; a definition can be at most {MaxLength:N0}.");
            return CodeParseResult.Failed(diagnostics.ToList());
        }
        if (TooDeep(source) is { } deep)
        {
            diagnostics.Add(CodeIssue.TooLarge, deep, $"Brackets here are nested more than {MaxNesting} deep; a definition is a flat chain of builder calls.");
            return CodeParseResult.Failed(diagnostics.ToList());
        }
        try
        {
            var workflow = Read(source, diagnostics);
            return workflow is not null && diagnostics.Count == 0
                ? CodeParseResult.Ok(CanonicalForm.Of(workflow))
                : CodeParseResult.Failed(diagnostics.ToList());
        }
        catch (InsufficientExecutionStackException)
        {
            diagnostics.AddAtStart(CodeIssue.TooLarge, "The code is nested too deeply to read; a definition is a flat chain of builder calls.");
            return CodeParseResult.Failed(diagnostics.ToList());
        }
    }

    /// <summary>
    /// Roslyn takes time that grows faster than the text for deeply nested brackets (seconds at 20,000), so such text
    /// is refused before parsing. Brackets in strings and comments count too: no real definition comes near the limit.
    /// </summary>
    private static Location? TooDeep(string source)
    {
        var depth = 0;
        for (var i = 0; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '(' or '[' or '{':
                    if (++depth > MaxNesting)
                        return Location.Create("", new TextSpan(i, 1), SourceText.From(source).Lines.GetLinePositionSpan(new TextSpan(i, 1)));
                    break;
                case ')' or ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }
        return null;
    }

    private static Workflow? Read(string source, DiagnosticBag diagnostics)
    {
        var tree = CSharpSyntaxTree.ParseText(source, Options);
        var syntaxErrors = tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(MaxSyntaxErrors).ToList();
        foreach (var error in syntaxErrors)
            diagnostics.Add(CodeIssue.SyntaxError, error.Location, $"This is not valid C#: {error.GetMessage(CultureInfo.InvariantCulture).TrimEnd('.')}.");
        if (syntaxErrors.Count > 0) return null;

        var root = tree.GetCompilationUnitRoot();
        CheckDirectives(root, diagnostics);
        CheckUsings(root.Externs, root.Usings, diagnostics);
        foreach (var attributes in root.AttributeLists)
            diagnostics.Add(CodeIssue.UnsupportedMember, attributes, "Assembly attributes are not allowed in a definition.");

        var classes = new List<ClassDeclarationSyntax>();
        CollectClasses(root.Members, classes, diagnostics);
        if (classes.Count == 0)
        {
            if (diagnostics.Count == 0)
                diagnostics.AddAtStart(CodeIssue.NotADefinition, $"There is no workflow here: a definition is a class with {Shape}");
            return null;
        }
        foreach (var extra in classes.Skip(1))
            diagnostics.Add(CodeIssue.NotADefinition, extra.Identifier, $"A file holds one workflow; move class '{extra.Identifier.ValueText}' to a file of its own.");

        var definition = FindDefinition(classes[0], diagnostics);
        return definition is null ? null : new ChainReader(diagnostics).Read(definition);
    }

    // #if and #define would make the recipe depend on build symbols; the rest only organise or silence.
    private static void CheckDirectives(CompilationUnitSyntax root, DiagnosticBag diagnostics)
    {
        if (!root.ContainsDirectives) return;
        foreach (var directive in root.DescendantTrivia().Where(t => t.IsDirective).Select(t => (DirectiveTriviaSyntax)t.GetStructure()!))
        {
            if (directive is RegionDirectiveTriviaSyntax or EndRegionDirectiveTriviaSyntax or PragmaWarningDirectiveTriviaSyntax or NullableDirectiveTriviaSyntax)
                continue;
            diagnostics.Add(CodeIssue.UnsupportedDirective, directive,
                $"'{directive.DirectiveNameToken.ValueText}' directives are not allowed in a definition; only #region, #pragma warning and #nullable are.");
        }
    }

    private static void CheckUsings(SyntaxList<ExternAliasDirectiveSyntax> externs, SyntaxList<UsingDirectiveSyntax> usings, DiagnosticBag diagnostics)
    {
        foreach (var alias in externs)
            diagnostics.Add(CodeIssue.UnsupportedDirective, alias, "extern alias is not allowed in a definition.");
        foreach (var directive in usings)
        {
            if (directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.GlobalKeyword.IsKind(SyntaxKind.None) && directive.UnsafeKeyword.IsKind(SyntaxKind.None))
                continue;
            diagnostics.Add(CodeIssue.UnsupportedDirective, directive,
                "Only plain 'using Namespace;' lines are allowed in a definition; aliases, 'using static' and 'global using' are not.");
        }
    }

    private static void CollectClasses(SyntaxList<MemberDeclarationSyntax> members, List<ClassDeclarationSyntax> classes, DiagnosticBag diagnostics)
    {
        foreach (var member in members)
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax space:
                    CheckUsings(space.Externs, space.Usings, diagnostics);
                    CollectClasses(space.Members, classes, diagnostics);
                    break;
                case ClassDeclarationSyntax type:
                    classes.Add(type);
                    break;
                case GlobalStatementSyntax statement:
                    diagnostics.Add(CodeIssue.UnsupportedStatement, statement,
                        $"Top-level statements are not allowed; a definition is a class with {Shape}");
                    break;
                default:
                    diagnostics.Add(CodeIssue.UnsupportedMember, member,
                        $"A definition file holds one class with a Build() method; '{DiagnosticBag.Show(member)}' is not allowed.");
                    break;
            }
        }
    }

    private static ExpressionSyntax? FindDefinition(ClassDeclarationSyntax type, DiagnosticBag diagnostics)
    {
        foreach (var attributes in type.AttributeLists)
            diagnostics.Add(CodeIssue.UnsupportedMember, attributes, "Attributes are not allowed on a definition class.");
        if (type.TypeParameterList is not null)
            diagnostics.Add(CodeIssue.UnsupportedMember, type.TypeParameterList, "A definition class cannot be generic.");
        if (type.BaseList is not null)
            diagnostics.Add(CodeIssue.UnsupportedMember, type.BaseList, "A definition class cannot inherit or implement anything.");
        if (type.ParameterList is not null)
            diagnostics.Add(CodeIssue.UnsupportedMember, type.ParameterList, "A definition class cannot have a primary constructor.");

        MethodDeclarationSyntax? build = null;
        foreach (var member in type.Members)
        {
            if (member is MethodDeclarationSyntax { Identifier.ValueText: "Build" } method && build is null)
                build = method;
            else
                diagnostics.Add(CodeIssue.UnsupportedMember, member,
                    $"A definition class holds only {Shape} Remove '{DiagnosticBag.Show(member)}'.");
        }
        if (build is null)
        {
            diagnostics.Add(CodeIssue.NotADefinition, type.Identifier, $"Class '{type.Identifier.ValueText}' has no Build() method; write {Shape}");
            return null;
        }
        // [ModuleInitializer] and the like would mean something to a compiler; the definition is never compiled, so say so.
        foreach (var attributes in build.AttributeLists)
            diagnostics.Add(CodeIssue.UnsupportedMember, attributes, "Attributes are not allowed on Build().");
        if (build.ParameterList.Parameters.Count > 0 || build.TypeParameterList is not null)
            diagnostics.Add(CodeIssue.UnsupportedMember, build.ParameterList, "Build() takes no parameters.");
        var returns = build.ReturnType.ToString().Replace(" ", "", StringComparison.Ordinal);
        if (returns != nameof(Workflow) && !returns.EndsWith("." + nameof(Workflow), StringComparison.Ordinal))
            diagnostics.Add(CodeIssue.NotADefinition, build.ReturnType, $"Build() must return Workflow: {Shape}");

        if (build.ExpressionBody is { } arrow) return arrow.Expression;
        if (build.Body is null)
        {
            diagnostics.Add(CodeIssue.NotADefinition, build.Identifier, $"Build() has no body; write {Shape}");
            return null;
        }
        ExpressionSyntax? result = null;
        foreach (var statement in build.Body.Statements)
        {
            if (statement is ReturnStatementSyntax { Expression: { } returned } && result is null)
            {
                result = returned;
                continue;
            }
            diagnostics.Add(CodeIssue.UnsupportedStatement, statement, statement switch
            {
                ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax =>
                    "Loops are not allowed in a definition; write one builder call per node.",
                LocalDeclarationStatementSyntax or LocalFunctionStatementSyntax =>
                    "Variables and local functions are not allowed in a definition; pass literal values to the builder calls.",
                ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } =>
                    $"'{DiagnosticBag.Show(call.Expression)}(...)' would run code, which a definition cannot do; Build() holds only 'return new WorkflowBuilder(...)...Build();'.",
                _ => "Build() holds only one statement: 'return new WorkflowBuilder(...)...Build();'.",
            });
        }
        if (result is null && diagnostics.Count == 0)
            diagnostics.Add(CodeIssue.NotADefinition, build.Identifier, $"Build() does not return a workflow; write {Shape}");
        return result;
    }
}
