using System.CommandLine;
using WorkflowStudio.Cli.Commands;

namespace WorkflowStudio.Cli;

/// <summary>`studio validate | run | export | import` for engineers and CI; exit codes: 0 success, 1 run or validation failed, 2 unusable input, 130 cancelled.</summary>
public static class StudioCli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int Cancelled = 130;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("WorkflowStudio: validate, run, export and import AI workflow definitions.")
        {
            ValidateCommand.Create(output, error),
            RunCommand.Create(output, error),
            ExportCommand.Create(output, error),
            ImportCommand.Create(output, error),
            EvalCommand.Create(output, error),
        };
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
