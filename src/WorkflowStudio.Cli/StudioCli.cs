using System.CommandLine;
using System.CommandLine.Help;
using WorkflowStudio.Cli.Commands;
using WorkflowStudio.Studio.Configuration;

namespace WorkflowStudio.Cli;

/// <summary>
/// `studio validate | run | export | import | eval | compare-pairwise | config | kb` for engineers and CI; exit codes: 0 success, 1 run or validation
/// failed, 2 unusable input (a file or a setting), 130 cancelled. Settings come as in the web app: appsettings.json,
/// then `--config FILE`, then `Studio__...` environment variables, then `--Studio:Section:Key value` anywhere on the line.
/// </summary>
public static class StudioCli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int Cancelled = 130;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default, string? currentDirectory = null)
    {
        CliSettings settings;
        CommandLineSettings commandLine;
        try
        {
            commandLine = StudioConfiguration.Split(args);
            settings = CliSettings.Read(commandLine, currentDirectory ?? Directory.GetCurrentDirectory());
            // Settings are checked before any command runs, so a bad one is a usage error (2), not a failed run.
            using (new StudioServices(settings, ModelChoice.Configured)) { }
        }
        catch (Exception e) when (e is StudioSettingsException or InvalidDataException or FormatException)
        {
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }

        var root = new RootCommand("WorkflowStudio: validate, run, export, import and evaluate AI workflow definitions, and manage knowledge bases.")
        {
            ValidateCommand.Create(settings, output, error),
            RunCommand.Create(settings, output, error),
            ExportCommand.Create(output, error),
            ImportCommand.Create(output, error),
            ConfigCommand.Create(settings, output),
            EvalCommand.Create(settings, output, error),
            ComparePairwiseCommand.Create(settings, output, error),
            ExportFineTuneCommand.Create(settings, output, error),
            KbCommand.Create(settings, output, error),
        };
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        var parsed = root.Parse(commandLine.Rest);
        // "studio evall --help" would print the general help and succeed; a script that misspelt a command must fail.
        if (parsed.Action is HelpAction && parsed.UnmatchedTokens.Count > 0)
        {
            error.WriteLine($"error: '{parsed.UnmatchedTokens[0]}' is not a command or option of studio {parsed.CommandResult.Command.Name}; see studio --help.".Replace("studio studio", "studio", StringComparison.Ordinal));
            return BadInput;
        }
        // A malformed option is a usage error (2), never the gate's "a threshold failed" (1) that the parser would return.
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors) error.WriteLine($"error: {problem.Message}");
            return BadInput;
        }
        return await parsed.InvokeAsync(configuration, cancellationToken);
    }
}
