using System.CommandLine;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Monitoring;

namespace WorkflowStudio.Cli.Commands;

/// <summary>
/// `studio export-finetune`: chat JSONL (OpenAI fine-tuning format) from the studio's database: the given runs, or the
/// runs rated good or corrected in the last days (per workflow when asked), corrections as the assistant's answer.
/// </summary>
internal static class ExportFineTuneCommand
{
    public static Command Create(CliSettings settings, TextWriter output, TextWriter error)
    {
        var workflow = new Option<string?>("--workflow", "-w") { Description = "Only runs of this workflow id." };
        var days = new Option<int>("--days") { Description = "How far back to look for rated runs (default 30).", DefaultValueFactory = _ => 30 };
        var runs = new Option<string[]>("--run", "-r") { Description = "Export these run ids instead of choosing by feedback; repeat for more.", Arity = ArgumentArity.ZeroOrMore };
        var outPath = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("export-finetune", "Writes rated or corrected runs as chat JSONL for fine-tuning.") { workflow, days, runs, outPath };
        command.SetAction(async (parse, ct) =>
        {
            var back = parse.GetValue(days);
            if (back is < 1 or > 3650)
            {
                error.WriteLine("error: --days must be between 1 and 3650.");
                return StudioCli.BadInput;
            }
            using var studio = new StudioServices(settings, ModelChoice.Configured);
            try
            {
                var chosen = parse.GetValue(runs) is { Length: > 0 } given ? given
                    : await studio.FineTune.ChooseRunsAsync(new MonitoringFilter(DateTimeOffset.UtcNow.AddDays(-back), DateTimeOffset.UtcNow.AddMinutes(1))
                        { WorkflowId = parse.GetValue(workflow) }, ct);
                var path = parse.GetValue(outPath);
                await using var file = path is null ? null : new StreamWriter(path);
                var lines = await studio.FineTune.WriteAsync(chosen, file ?? output, ct);
                error.WriteLine($"{lines} {(lines == 1 ? "example" : "examples")} from {chosen.Count} {(chosen.Count == 1 ? "run" : "runs")}.");
                return StudioCli.Ok;
            }
            catch (Exception e) when (e is StoreException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: {e.Message}");
                return StudioCli.BadInput;
            }
        });
        return command;
    }
}
