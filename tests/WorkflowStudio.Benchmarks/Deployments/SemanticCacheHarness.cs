using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Models;
using WorkflowStudio.Benchmarks.AI;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Testing.Loopback;

namespace WorkflowStudio.Benchmarks.Deployments;

/// <summary>
/// What the semantic cache costs (`harness semantic-cache [lookups]`, default 1,000) with a full partition of
/// <see cref="SemanticCache.Capacity"/> entries, over the studio's own registration (HybridCache in memory, the SQLite
/// table behind it): a lookup split into embedding the new message (MiniLM, a text never seen, so its own cache cannot
/// answer) and scanning the partition; storing an entry after a miss; a partition read from the database alone; and a
/// whole prompt step answered by a paraphrase hit through the runner.
/// </summary>
public sealed class SemanticCacheHarness : IHarness
{
    private const int DatabaseReads = 20;

    public string Name => "semantic-cache";

    public async Task RunAsync(string[] args)
    {
        var lookups = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000;
        await using var server = new LoopbackServer { Responder = _ => new TextReply("Hold the reset button for ten seconds.") };
        var folder = Directory.CreateTempSubdirectory("studio-semantic-bench-").FullName;
        try
        {
            var workflow = new WorkflowBuilder("semantic", "Semantic")
                .Input("question")
                .Prompt("reply", p => p.Model("bench-model").User("{{question}}").SemanticCache())
                .Output("answer", "{{reply.text}}")
                .Edge("question", "reply").Edge("reply", "answer")
                .Build();
            await using (var studio = ResponseCacheHarness.Studio(folder, server))
            {
                var runner = studio.GetRequiredService<Runner>();
                var stored = await StepLatenciesAsync(runner, workflow, Enumerable.Range(0, SemanticCache.Capacity).Select(i => $"How do I reset the device with serial number {i}?"));
                Report("prompt step, miss: exact lookup, embedding, scan, model call (loopback), store", stored.Latencies);
                var paraphrased = await StepLatenciesAsync(runner, workflow, Enumerable.Range(0, SemanticCache.Capacity).Select(i => $"How can I reset the device with serial number {i}?"));
                Console.WriteLine($"paraphrase hits: {paraphrased.Hits} of {SemanticCache.Capacity}");
                Report("prompt step, semantic hit (runner → gateway → exact miss → embed → scan 256 → answer)", paraphrased.Latencies);

                var cache = studio.GetRequiredService<SemanticCache>();
                var embedder = studio.GetRequiredService<Embedder>();
                var scope = new ModelCallScope("semantic", null, null, "bench", "reply", 0);
                var probes = new List<SemanticProbe>(lookups);
                var embeddings = new List<TimeSpan>(lookups);
                for (var i = 0; i < lookups; i++)
                {
                    var clock = Stopwatch.StartNew();
                    probes.Add(cache.Probe(new ModelRequest("bench-model", [new ChatMessage(ChatRole.User, $"Where can I find the warranty card for order {i + 10_000}?")]) { Temperature = 0.7 }, scope, 0, default)!);
                    embeddings.Add(clock.Elapsed);
                }
                Report("embedding the user message (MiniLM, text not seen before)", embeddings);

                // The worst case for the scan: every entry shares the probe's facts, so each costs a dot product.
                var random = new Random(7);
                var segment = new SemanticEntries(Enumerable.Range(0, SemanticCache.SegmentSize)
                    .Select(i => new SemanticEntry(Bytes(UnitVector(random)), "same-facts", $"answer:{i}", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())).ToList());
                Console.WriteLine($"a full segment ({SemanticCache.SegmentSize} entries) as JSON: {System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(segment).Length / 1024.0:0} KiB");
                for (var i = 0; i < DatabaseReads; i++)
                    for (var j = 0; j < SemanticCache.Capacity; j++)
                        await cache.AddAsync(new SemanticProbe($"semantic:bench-full-{i}", UnitVector(random), "same-facts"), $"answer:{j}", default);
                var scans = new List<TimeSpan>(lookups);
                foreach (var probe in probes)
                {
                    var clock = Stopwatch.StartNew();
                    await cache.FindAsync(probe with { Partition = "semantic:bench-full-0", Facts = "same-facts" }, 0.95, default);
                    scans.Add(clock.Elapsed);
                }
                Report($"scan of a {SemanticCache.Capacity}-entry partition from memory, facts all equal (256 cosines)", scans);

                var adds = new List<TimeSpan>(lookups);
                foreach (var probe in probes.Take(Math.Min(lookups, 200)))
                {
                    var clock = Stopwatch.StartNew();
                    await cache.AddAsync(probe with { Partition = "semantic:bench-full-0" }, "answer:added", default);
                    adds.Add(clock.Elapsed);
                }
                Report($"storing an entry in a full partition after a miss (read and write its newest segment and the segment list, memory and SQLite)", adds);
            }

            // A new process: memory is empty, so each partition's first read comes from the SQLite table.
            await using var fresh = ResponseCacheHarness.Studio(folder, server);
            var freshCache = fresh.GetRequiredService<SemanticCache>();
            var other = new Random(8);
            var reads = new List<TimeSpan>(DatabaseReads);
            for (var i = 0; i < DatabaseReads; i++)
            {
                var clock = Stopwatch.StartNew();
                await freshCache.FindAsync(new SemanticProbe($"semantic:bench-full-{i}", UnitVector(other), "same-facts"), 0.95, default);
                reads.Add(clock.Elapsed);
            }
            Report($"scan of a {SemanticCache.Capacity}-entry partition from the database (SQLite, memory empty)", reads);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static float[] UnitVector(Random random)
    {
        var vector = Enumerable.Range(0, Embedder.Dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }

    private static byte[] Bytes(float[] vector) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    private static async Task<(List<TimeSpan> Latencies, int Hits)> StepLatenciesAsync(Runner runner, Core.Model.Workflow workflow, IEnumerable<string> questions)
    {
        var options = new RunOptions { ModelPolicy = new ModelPolicy { UseCache = true } };
        var latencies = new List<TimeSpan>();
        var hits = 0;
        foreach (var question in questions)
            await foreach (var e in runner.RunAsync(workflow, new Dictionary<string, string> { ["question"] = question }, options))
                if (e is NodeCompleted { NodeId: "reply" } done)
                {
                    latencies.Add(done.Latency);
                    if (done.CacheHit) hits++;
                }
        return (latencies, hits);
    }

    private static void Report(string what, IReadOnlyList<TimeSpan> timings) =>
        Console.WriteLine($"{what}: {timings.Count} samples, {Percentiles.Of(timings)}");
}
