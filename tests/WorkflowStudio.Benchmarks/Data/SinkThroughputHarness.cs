using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Data.Workflows;

namespace WorkflowStudio.Benchmarks.Data;

/// <summary>SQLite event sink throughput with batching, against storing one event per transaction.</summary>
public sealed class SinkThroughputHarness : IHarness
{
    public string Name => "sqlite-sink";

    public async Task RunAsync(string[] args)
    {
        var perRun = args.Length > 0 ? int.Parse(args[0]) : 20_000;
        const int runs = 10;
        const int unbatched = 2_000;
        var folder = Path.Combine(Path.GetTempPath(), "ws-sink-" + Guid.NewGuid().ToString("N"));
        await using (var services = new ServiceCollection().AddStudioData(Path.Combine(folder, "studio.db")).BuildServiceProvider())
        {
            var workflows = services.GetRequiredService<IWorkflowStore>();
            var store = services.GetRequiredService<IRunStore>();
            var sink = services.GetRequiredService<SqliteRunEventSink>();
            await workflows.SaveAsync(new SaveRequest(RunStreams.Stream("sink"), "bench", "bench", BasedOn: null));
            for (var r = 0; r <= runs; r++)
                await store.CreateRunAsync(new NewRun($"run{r}", "sink", 1, "bench", new Dictionary<string, string>(), DateTimeOffset.UtcNow));

            var events = Enumerable.Range(1, perRun).SelectMany(i => Enumerable.Range(1, runs).Select(r => Delta($"run{r}", i))).ToList();
            var clock = Stopwatch.StartNew();
            foreach (var e in events) sink.Write(e);
            await sink.FlushAsync();
            clock.Stop();
            Console.WriteLine($"batched sink: {events.Count:N0} events of {runs} runs in {clock.Elapsed.TotalSeconds:F2} s = {events.Count / clock.Elapsed.TotalSeconds:N0} events/s, " +
                              $"{sink.Batches:N0} transactions (mean batch {(double)sink.StoredEvents / sink.Batches:N0} events)");

            clock.Restart();
            for (var i = 1; i <= unbatched; i++) await store.AppendEventsAsync([Delta("run0", i)]);
            clock.Stop();
            Console.WriteLine($"one event per transaction: {unbatched:N0} events in {clock.Elapsed.TotalSeconds:F2} s = {unbatched / clock.Elapsed.TotalSeconds:N0} events/s");
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static NodeDelta Delta(string runId, long sequence) =>
        new("word ") { RunId = runId, Sequence = sequence, NodeId = "talk", Timestamp = DateTimeOffset.UtcNow };
}
