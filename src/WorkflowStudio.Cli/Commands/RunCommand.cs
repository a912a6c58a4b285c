using System.CommandLine;
using System.Text.Json;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Core.Serialization;

namespace WorkflowStudio.Cli.Commands;

internal static class RunCommand
{
    private static readonly JsonSerializerOptions EventJson = WorkflowJson.CreateOptions(indented: false);

    public static Command Create(CliSettings settings, TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The workflow file: JSON, or a C# definition (.cs) read from its syntax only." };
        var inputs = new Option<string[]>("--input", "-i") { Description = "An input value as name=value; repeat for each input.", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON event per line instead of the human view." };
        var models = new ModelSourceOptions();
        var command = new Command("run", "Runs a workflow and prints its events as they stream.") { file, inputs, json };
        models.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parseResult.GetValue(inputs) ?? [])
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0)
                {
                    error.WriteLine($"error: --input '{pair}' must look like name=value.");
                    return StudioCli.BadInput;
                }
                values[pair[..eq]] = pair[(eq + 1)..];
            }

            using var services = new StudioServices(settings, models.Read(parseResult));
            var path = parseResult.GetRequiredValue(file);
            var (workflow, hasErrors) = WorkflowFile.Load(path, services.Validator, error);
            if (hasErrors) return workflow is null ? StudioCli.BadInput : StudioCli.Failed;

            var printer = new HumanEventPrinter(output);
            RunEvent? last = null;
            await foreach (var e in services.Runner.RunAsync(workflow!, values, services.RunOptions, cancellationToken))
            {
                last = e;
                if (parseResult.GetValue(json)) output.WriteLine(JsonSerializer.Serialize(e, EventJson));
                else printer.Print(e);
            }
            return last switch
            {
                RunCompleted => StudioCli.Ok,
                RunCancelled => StudioCli.Cancelled,
                _ => StudioCli.Failed,
            };
        });
        return command;
    }
}
