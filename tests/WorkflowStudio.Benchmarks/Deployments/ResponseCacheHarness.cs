using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.AI.Models;
using WorkflowStudio.Benchmarks.AI;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Studio;
using WorkflowStudio.Studio.Configuration;
using WorkflowStudio.Testing.Loopback;

namespace WorkflowStudio.Benchmarks.Deployments;

/// <summary>
/// What a response-cache hit costs (`harness cache-hit [lookups]`, default 5,000), over the studio's own registration
/// (HybridCache in memory, the SQLite table behind it): a hit from memory, a hit from the database alone (a fresh
/// process's cache, every key read once), and a whole prompt step answered from the cache through the runner.
/// </summary>
public sealed class ResponseCacheHarness : IHarness
{
    public string Name => "cache-hit";

    public async Task RunAsync(string[] args)
    {
        var lookups = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000;
        await using var server = new LoopbackServer { Responder = _ => new TextReply("The reset button is under the base, next to the power socket.") };
        var folder = Directory.CreateTempSubdirectory("studio-cache-bench-").FullName;
        try
        {
            var requests = Enumerable.Range(0, lookups).Select(i => new ModelRequest("bench-model",
                [new ChatMessage(ChatRole.System, "Answer briefly."), new ChatMessage(ChatRole.User, $"Where is the reset button of device {i}?")])).ToList();
            var answer = new CachedAnswer("The reset button is under the base.", "bench-model", 24, 9, [], null);

            await using (var first = Studio(folder, server))
            {
                var cache = first.GetRequiredService<ResponseCache>();
                foreach (var request in requests) await cache.GetOrAnswerAsync(request, 0, _ => ValueTask.FromResult(answer), default);
                Report("memory hit (HybridCache L1), key hashing included", await TimeHitsAsync(cache, requests));
                await RunnerHitsAsync(first, lookups);
            }

            // A new process's cache: memory is empty, so each first read comes from the SQLite table.
            await using var second = Studio(folder, server);
            Report("database hit (SQLite L2, memory empty)", await TimeHitsAsync(second.GetRequiredService<ResponseCache>(), requests));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static ServiceProvider Studio(string folder, LoopbackServer server)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StudioPaths.DataDirectoryKey] = folder,
            ["Studio:Models:Providers:loopback:Endpoint"] = server.Endpoint,
            ["Studio:Models:Providers:loopback:Models:0"] = "bench-model",
        }).Build();
        return new ServiceCollection().AddLogging().AddWorkflowStudio(configuration, StudioPaths.From(configuration, folder, folder)).BuildServiceProvider();
    }

    private static async Task<List<TimeSpan>> TimeHitsAsync(ResponseCache cache, IReadOnlyList<ModelRequest> requests)
    {
        var timings = new List<TimeSpan>(requests.Count);
        var misses = 0;
        foreach (var request in requests)
        {
            var clock = Stopwatch.StartNew();
            var (_, hit) = await cache.GetOrAnswerAsync(request, 0, _ => throw new InvalidOperationException("a miss"), default);
            timings.Add(clock.Elapsed);
            if (!hit) misses++;
        }
        if (misses > 0) throw new InvalidOperationException($"{misses} lookups missed");
        return timings;
    }

    // The step's own latency as the trace shows it (NodeCompleted.Latency): gateway, cache, and the delta to the run.
    private static async Task RunnerHitsAsync(IServiceProvider studio, int runs)
    {
        var workflow = new WorkflowBuilder("cached", "Cached")
            .Input("question")
            .Prompt("reply", p => p.Model("bench-model").User("{{question}}"))
            .Output("answer", "{{reply.text}}")
            .Edge("question", "reply").Edge("reply", "answer")
            .Build();
        var runner = studio.GetRequiredService<Runner>();
        var options = new RunOptions { ModelPolicy = new ModelPolicy { UseCache = true } };
        var inputs = new Dictionary<string, string> { ["question"] = "Where is the reset button?" };
        var steps = new List<TimeSpan>(runs);
        for (var i = 0; i <= runs; i++)
        {
            await foreach (var e in runner.RunAsync(workflow, inputs, options))
                if (e is NodeCompleted { NodeId: "reply" } done && i > 0)
                {
                    if (!done.CacheHit) throw new InvalidOperationException("the step missed the cache");
                    steps.Add(done.Latency);
                }
        }
        Report("prompt step answered from the cache (runner → gateway → memory hit)", steps);
    }

    private static void Report(string what, IReadOnlyList<TimeSpan> timings) =>
        Console.WriteLine($"{what}: {timings.Count} lookups, {Percentiles.Of(timings)}");
}
