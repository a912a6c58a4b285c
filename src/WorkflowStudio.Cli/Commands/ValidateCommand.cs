using System.CommandLine;

namespace WorkflowStudio.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create(CliSettings settings, TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The workflow file: JSON, or a C# definition (.cs) read from its syntax only." };
        var command = new Command("validate", "Checks a workflow file and lists every problem with its place.") { file };
        command.SetAction(parseResult =>
        {
            using var services = new StudioServices(settings, ModelChoice.Configured);
            var path = parseResult.GetRequiredValue(file);
            var (workflow, hasErrors) = WorkflowFile.Load(path, services.Validator, error);
            if (hasErrors) return workflow is null ? StudioCli.BadInput : StudioCli.Failed;
            output.WriteLine($"{path}: ok ({workflow!.Nodes.Count} steps, {workflow.Edges.Count} links)");
            return StudioCli.Ok;
        });
        return command;
    }
}
