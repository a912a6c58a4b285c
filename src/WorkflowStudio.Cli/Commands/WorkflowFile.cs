using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Cli.Commands;

/// <summary>Reads a workflow file and prints its problems the way compilers do: file, place, severity, sentence.</summary>
internal static class WorkflowFile
{
    public static (Workflow? Workflow, bool HasErrors) Load(string path, WorkflowValidator validator, TextWriter error)
    {
        if (!File.Exists(path))
        {
            error.WriteLine($"{path}: error: the file does not exist.");
            return (null, true);
        }
        var (workflow, problems) = validator.ValidateJson(File.ReadAllText(path));
        foreach (var problem in problems)
        {
            var place = problem.NodeId is null ? "" : $" [{problem.NodeId}{(problem.Field is null ? "" : "." + problem.Field)}]";
            error.WriteLine($"{path}: {problem.Severity.ToString().ToLowerInvariant()} {problem.Code}{place}: {problem.Message}");
        }
        return (workflow, workflow is null || problems.Any(p => p.Severity == Severity.Error));
    }
}
