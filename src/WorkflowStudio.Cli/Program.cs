using WorkflowStudio.Cli;

return await StudioCli.RunAsync(args, Console.Out, Console.Error);
