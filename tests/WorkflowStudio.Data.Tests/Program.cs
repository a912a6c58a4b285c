namespace WorkflowStudio.Data.Tests;

/// <summary>The test assembly's entry point, used only when a test starts it as a child process.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [EventWriterChild.Command, var databasePath, var runId])
            return await EventWriterChild.RunAsync(databasePath, runId);
        await Console.Error.WriteLineAsync($"usage: {EventWriterChild.Command} DATABASE RUN-ID");
        return 2;
    }
}
