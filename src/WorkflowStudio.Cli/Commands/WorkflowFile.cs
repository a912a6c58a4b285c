using WorkflowStudio.CodeSync;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Cli.Commands;

/// <summary>Reads a workflow file and prints its problems the way compilers do: file, place, severity, sentence.</summary>
internal static class WorkflowFile
{
    /// <summary>The file's text, or null after saying on <paramref name="error"/> that it does not exist.</summary>
    public static string? ReadText(string path, TextWriter error)
    {
        if (File.Exists(path)) return File.ReadAllText(path);
        error.WriteLine($"{path}: error: the file does not exist.");
        return null;
    }

    /// <summary>
    /// Reads a workflow file, JSON or, for a .cs file, the C# definition (read from its syntax, never compiled), and
    /// prints every problem. Places are 1-based lines and columns.
    /// </summary>
    public static (Workflow? Workflow, bool HasErrors) Load(string path, WorkflowValidator validator, TextWriter error)
    {
        if (ReadText(path, error) is not { } text) return (null, true);
        var (workflow, problems) = IsCSharp(path) ? ValidateCSharp(path, text, validator, error) : validator.ValidateJson(text);
        foreach (var problem in problems)
        {
            var place = problem.NodeId is null ? "" : $" [{problem.NodeId}{(problem.Field is null ? "" : "." + problem.Field)}]";
            error.WriteLine($"{path}: {problem.Severity.ToString().ToLowerInvariant()} {problem.Code}{place}: {problem.Message}");
        }
        return (workflow, workflow is null || problems.Any(p => p.Severity == Severity.Error));
    }

    public static bool IsCSharp(string path) => path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a C# definition; what it cannot read is printed as compilers do, <c>file:line:column: error: ...</c>.</summary>
    public static CodeParseResult ParseCSharp(string path, string source, TextWriter error)
    {
        var result = CSharpCodeParser.Parse(source);
        foreach (var diagnostic in result.Diagnostics)
            error.WriteLine($"{path}:{diagnostic.Line}:{diagnostic.Column}: error: {diagnostic.Message}");
        return result;
    }

    private static (Workflow?, IReadOnlyList<ValidationProblem>) ValidateCSharp(string path, string source, WorkflowValidator validator, TextWriter error)
    {
        var result = ParseCSharp(path, source, error);
        return result.Success ? (result.Workflow, validator.Validate(result.Workflow!)) : (null, []);
    }
}
