using WorkflowStudio.Core.Model;

namespace WorkflowStudio.CodeSync;

/// <summary>What kind of problem a <see cref="CodeDiagnostic"/> reports, so hosts and tests need not match on wording.</summary>
public enum CodeIssue
{
    SyntaxError,
    TooLarge,
    NotADefinition,
    UnsupportedMember,
    UnsupportedStatement,
    UnsupportedDirective,
    ChainStart,
    ChainEnd,
    UnknownMethod,
    NotALiteral,
    MethodCall,
    Interpolation,
    WrongType,
    OutOfRange,
    UnknownEnumMember,
    ArgumentMismatch,
    InvalidLambda,
    DuplicateId,
    DuplicateSetting,
    DuplicatePosition,
    BuildFailed,
}

/// <summary>A problem in a C# definition, with 1-based start and end positions (the shape editors such as Monaco want).</summary>
public sealed record CodeDiagnostic(CodeIssue Issue, string Message, int Line, int Column, int EndLine, int EndColumn)
{
    public override string ToString() => $"{Line}:{Column}: {Message}";
}

/// <summary>The outcome of reading a C# definition: a workflow only when there is no diagnostic at all.</summary>
public sealed record CodeParseResult
{
    private CodeParseResult(Workflow? workflow, IReadOnlyList<CodeDiagnostic> diagnostics)
    {
        Workflow = workflow;
        Diagnostics = diagnostics;
    }

    public Workflow? Workflow { get; }
    public IReadOnlyList<CodeDiagnostic> Diagnostics { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Workflow))]
    public bool Success => Workflow is not null;

    internal static CodeParseResult Ok(Workflow workflow) => new(workflow, []);

    internal static CodeParseResult Failed(IReadOnlyList<CodeDiagnostic> diagnostics) => new(null, diagnostics);
}
