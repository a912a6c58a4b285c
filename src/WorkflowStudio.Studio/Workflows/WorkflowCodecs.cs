using WorkflowStudio.CodeSync;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Serialization;

namespace WorkflowStudio.Studio.Workflows;

/// <summary>A problem in workflow source text, at a line and column when known, and up to an end position when the reader gives one.</summary>
public sealed record CodeProblem(int? Line, int? Column, string Message, int? EndLine = null, int? EndColumn = null)
{
    public override string ToString() => Line is { } line ? $"Line {line}, column {Column}: {Message}" : Message;
}

/// <summary>A text form of a workflow the code panel shows and reads back.</summary>
public interface IWorkflowCodec
{
    string Key { get; }
    string Title { get; }
    string FileExtension { get; }
    string Render(Workflow workflow);
    (Workflow? Workflow, IReadOnlyList<CodeProblem> Problems) Parse(string text);
}

/// <summary>The versioned JSON file format.</summary>
public sealed class JsonCodec : IWorkflowCodec
{
    public static readonly JsonCodec Instance = new();

    public string Key => "json";
    public string Title => "JSON";
    public string FileExtension => ".json";

    public string Render(Workflow workflow) => WorkflowJson.Serialize(workflow);

    public (Workflow? Workflow, IReadOnlyList<CodeProblem> Problems) Parse(string text) =>
        WorkflowJson.TryDeserialize(text, out var workflow, out var error)
            ? (workflow, [])
            : (null, [new CodeProblem((int?)error!.Line, (int?)error.Column, $"{error.Message} ({error.Path})")]);
}

/// <summary>The canonical C# definition, read back from its syntax only (never compiled or run).</summary>
public sealed class CSharpCodec : IWorkflowCodec
{
    public static readonly CSharpCodec Instance = new();

    public string Key => "csharp";
    public string Title => "C#";
    public string FileExtension => ".cs";

    public string Render(Workflow workflow) => CSharpCodeGenerator.Generate(workflow);

    public (Workflow? Workflow, IReadOnlyList<CodeProblem> Problems) Parse(string text)
    {
        var result = CSharpCodeParser.Parse(text);
        return result.Success
            ? (result.Workflow, [])
            : (null, [.. result.Diagnostics.Select(d => new CodeProblem(d.Line, d.Column, d.Message, d.EndLine, d.EndColumn))]);
    }
}

public static class WorkflowCodecs
{
    public static IReadOnlyList<IWorkflowCodec> All { get; } = [CSharpCodec.Instance, JsonCodec.Instance];

    /// <summary>Picks the codec by file name: .cs files are C#, everything else JSON.</summary>
    public static IWorkflowCodec ForFile(string fileName) =>
        fileName.EndsWith(CSharpCodec.Instance.FileExtension, StringComparison.OrdinalIgnoreCase) ? CSharpCodec.Instance : JsonCodec.Instance;
}
