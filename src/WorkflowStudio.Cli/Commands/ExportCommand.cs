using System.CommandLine;
using WorkflowStudio.CodeSync;
using WorkflowStudio.Core.Serialization;

namespace WorkflowStudio.Cli.Commands;

internal static class ExportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The workflow JSON file." };
        var csharp = new Option<bool>("--cs") { Description = "Write the canonical C# definition (the default)." };
        var json = new Option<bool>("--json") { Description = "Write the canonical JSON file." };
        var outPath = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("export", "Writes a workflow as a C# definition or as canonical JSON.") { file, csharp, json, outPath };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetRequiredValue(file);
            if (parseResult.GetValue(csharp) && parseResult.GetValue(json))
            {
                error.WriteLine("error: choose one of --cs and --json.");
                return StudioCli.BadInput;
            }
            if (WorkflowFile.ReadText(path, error) is not { } source) return StudioCli.BadInput;
            if (!WorkflowJson.TryDeserialize(source, out var workflow, out var problem))
            {
                error.WriteLine($"{path}: error: {problem}");
                return StudioCli.BadInput;
            }
            var text = parseResult.GetValue(json) ? WorkflowJson.Serialize(workflow!) + "\n" : CSharpCodeGenerator.Generate(workflow!);
            return Emit(text, parseResult.GetValue(outPath), output);
        });
        return command;
    }

    public static int Emit(string text, string? path, TextWriter output)
    {
        if (path is null) output.Write(text);
        else File.WriteAllText(path, text);
        return StudioCli.Ok;
    }
}
