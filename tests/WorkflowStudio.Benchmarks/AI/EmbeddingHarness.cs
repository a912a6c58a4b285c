using System.Diagnostics;
using System.Globalization;
using WorkflowStudio.AI.Embeddings;

namespace WorkflowStudio.Benchmarks.AI;

/// <summary>MiniLM embedding throughput on knowledge-base-sized chunks (`harness ai-embeddings [count]`).</summary>
public sealed class EmbeddingHarness : IHarness
{
    public string Name => "ai-embeddings";

    public Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 512;
        using var embedder = new Embedder();
        embedder.EmbedMany(SyntheticText.Chunks(32, seed: 1));

        // Distinct texts, so the embedder's cache cannot answer any of them.
        var chunks = SyntheticText.Chunks(count, seed: 2);
        var clock = Stopwatch.StartNew();
        embedder.EmbedMany(chunks);
        clock.Stop();

        var averageChars = chunks.Average(c => c.Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MiniLM: {count} chunks (~{averageChars:0} chars) in {clock.Elapsed.TotalSeconds:0.00} s = {count / clock.Elapsed.TotalSeconds:0.0} chunks/s on {Environment.ProcessorCount} cores"));
        return Task.CompletedTask;
    }
}
