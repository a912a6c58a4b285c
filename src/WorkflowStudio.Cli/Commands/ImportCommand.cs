using System.CommandLine;
using WorkflowStudio.Core.Serialization;

namespace WorkflowStudio.Cli.Commands;

/// <summary>Reads a C# definition by its syntax only (nothing in it is compiled or run) and writes the workflow JSON.</summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The C# definition (.cs)." };
        var outPath = new Option<string?>("--output", "-o") { Description = "Write the JSON to this file instead of standard output." };
        var command = new Command("import", "Turns a C# workflow definition into the workflow JSON file.") { file, outPath };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetRequiredValue(file);
            if (WorkflowFile.ReadText(path, error) is not { } source) return StudioCli.BadInput;
            var result = WorkflowFile.ParseCSharp(path, source, error);
            if (!result.Success) return StudioCli.Failed;
            return ExportCommand.Emit(WorkflowJson.Serialize(result.Workflow) + "\n", parseResult.GetValue(outPath), output);
        });
        return command;
    }
}
