using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Data.Storage;
using WorkflowStudio.Data.Workflows;

namespace WorkflowStudio.Data.Tests;

/// <summary>
/// Plays an app in the middle of a run: opens the database, starts a run and writes its events through the real sink,
/// reporting on stdout each sequence number known to be stored, until the test kills it.
/// </summary>
internal static class EventWriterChild
{
    public const string Command = "write-events";
    public const int ReportEvery = 20;
    private const int GiveUpAfter = 1_000_000;

    public static async Task<int> RunAsync(string databasePath, string runId)
    {
        await using var services = TempDatabase.Open(databasePath);
        await services.GetRequiredService<StudioDatabase>().EnsureReadyAsync();
        var workflows = services.GetRequiredService<IWorkflowStore>();
        await workflows.SaveAsync(new SaveRequest(Samples.Article(), "first", "child", BasedOn: null));
        await services.GetRequiredService<IRunStore>().CreateRunAsync(Samples.Run(runId));
        Console.WriteLine("started");

        var sink = services.GetRequiredService<IRunEventSink>();
        for (long sequence = 1; sequence <= GiveUpAfter; sequence++)
        {
            sink.Write(Samples.Delta(runId, sequence));
            if (sequence % ReportEvery != 0) continue;
            await sink.FlushAsync();
            Console.WriteLine($"stored {sequence}");
        }
        return 3;
    }
}
