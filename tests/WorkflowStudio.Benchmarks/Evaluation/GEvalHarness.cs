using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Benchmarks.Deployments;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Evaluation;
using WorkflowStudio.Evaluation.Running;
using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Benchmarks.Evaluation;

/// <summary>
/// G-eval, the work promptfoo was timed on: 1,000 cases, one prompt step, an in-process model answering after 0 or
/// 20 ms, 4 scorers (contains, regex, icontains, Levenshtein ≤ 10), concurrency 50. Prints the evaluation time
/// (create + run + results stored) as the median of 5. Args: [cases] [delays ms, comma-separated] [rounds] [loopback].
/// With <c>loopback</c> the model is the studio's own OpenAI-compatible client (<c>AddWorkflowStudio</c>) talking to the
/// OpenAI-wire test server on 127.0.0.1, which answers the same text after the delay.
/// </summary>
public sealed class GEvalHarness : IHarness
{
    public string Name => "g-eval";

    public async Task RunAsync(string[] args)
    {
        var cases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000;
        var delays = (args.Length > 1 ? args[1] : "0,20").Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToList();
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var loopback = args.Length > 3 && args[3] == "loopback";
        const int concurrency = 50;

        foreach (var delay in delays)
        {
            var folder = Path.Combine(Path.GetTempPath(), "ws-geval-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            await using var server = loopback ? GEvalSet.Server(delay) : null;
            await using (var services = server is null ? InProcess(folder, delay) : ResponseCacheHarness.Studio(folder, server))
            {
                var workflow = GEvalSet.Workflow(server is null ? null : "bench-model");
                await services.GetRequiredService<IWorkflowStore>().SaveAsync(new SaveRequest(workflow, "bench", "bench", BasedOn: null));
                var dataset = await services.GetRequiredService<IDatasetStore>().SaveVersionAsync("g-eval", "G-eval",
                    Enumerable.Range(1, cases).Select(i => new DatasetCase($"c{i}",
                        new Dictionary<string, string> { ["question"] = GEvalSet.Question(i) },
                        new Dictionary<string, string> { [""] = GEvalSet.Expected(i) })), "bench", "bench");
                var spec = new EvaluationSpec
                {
                    Scorers = [.. GEvalSet.Scorers.Select(ScorerSpec.Parse)],
                    // Every round asks the model: with the response cache on, the rounds after the warm-up were answered
                    // from it through the studio's gateway (loopback) and never met the 20 ms server.
                    Cache = false,
                    Concurrency = concurrency,
                };
                var service = services.GetRequiredService<EvaluationService>();

                // One warm-up round pays for JIT and the first connections; it is not counted.
                var times = new List<double>();
                var cpu = new List<double>();
                var lastId = "";
                for (var round = 0; round <= rounds; round++)
                {
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    var clock = Stopwatch.StartNew();
                    var evaluation = await service.CreateAsync(new EvaluationRequest("g-eval", 1, "g-eval", dataset.Number, spec, "bench"));
                    var summary = await service.RunAsync(evaluation.Id);
                    clock.Stop();
                    lastId = evaluation.Id;
                    if (summary.Passed != cases) throw new InvalidOperationException($"Expected every case to pass, got {summary.Passed} of {summary.Done}.");
                    if (round > 0)
                    {
                        times.Add(clock.Elapsed.TotalSeconds);
                        cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
                    }
                }
                times.Sort();
                cpu.Sort();
                var ideal = Math.Ceiling(cases / (double)concurrency) * delay / 1000.0;
                Console.WriteLine($"g-eval {cases} cases, {delay} ms {(server is null ? "in-process" : "loopback OpenAI-wire")} model, concurrency {concurrency}, 4 scorers: median {times[times.Count / 2]:F3} s " +
                                  $"(min {times[0]:F3}, max {times[^1]:F3}; ideal {ideal:F2} s), CPU time median {cpu[cpu.Count / 2]:F3} s; {GC.GetTotalMemory(false) / 1048576.0:F0} MB managed, " +
                                  $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
                Console.WriteLine($"  stored for the last round: {StoredRows(folder, lastId)}");
            }
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ServiceProvider InProcess(string folder, int delay) => new ServiceCollection()
        .AddStudioData(Path.Combine(folder, "studio.db"))
        .AddSingleton<IModelGateway>(new TopicModelGateway(TimeSpan.FromMilliseconds(delay)))
        .AddSingleton<IRetriever>(new InMemoryRetriever(new Dictionary<string, IReadOnlyList<(string, string)>>()))
        .AddSingleton<IToolRegistry>(new InMemoryToolRegistry())
        .AddWorkflowEvaluation()
        .BuildServiceProvider();

    /// <summary>What the last round left in SQLite, counted from the file rather than from the engine's own summary.</summary>
    private static string StoredRows(string folder, string evaluationId)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "studio.db")}");
        connection.Open();
        long Count(string table)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE EvaluationId = $id";
            command.Parameters.AddWithValue("$id", evaluationId);
            return (long)command.ExecuteScalar()!;
        }
        return $"{Count("EvaluationCases"):N0} case rows, {Count("EvaluationScores"):N0} score rows";
    }
}
