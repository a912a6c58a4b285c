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

    public static (Workflow? Workflow, bool HasErrors) Load(string path, WorkflowValidator validator, TextWriter error)
    {
        if (ReadText(path, error) is not { } text) return (null, true);
        var (workflow, problems) = validator.ValidateJson(text);
        foreach (var problem in problems)
        {
            var place = problem.NodeId is null ? "" : $" [{problem.NodeId}{(problem.Field is null ? "" : "." + problem.Field)}]";
            error.WriteLine($"{path}: {problem.Severity.ToString().ToLowerInvariant()} {problem.Code}{place}: {problem.Message}");
        }
        return (workflow, workflow is null || problems.Any(p => p.Severity == Severity.Error));
    }
}
