using System.Diagnostics;
using System.Globalization;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Knowledge;

namespace WorkflowStudio.Benchmarks.AI;

/// <summary>
/// Knowledge search latency at 1k and 10k chunks (`harness ai-search`): the search itself (cosine over
/// every chunk with TensorPrimitives, BM25, fusion, top-k) and the whole query including its MiniLM embedding.
/// Chunk vectors are random unit vectors, since embedding 10k chunks would only measure the embedder again.
/// </summary>
public sealed class SearchHarness : IHarness
{
    public string Name => "ai-search";

    public Task RunAsync(string[] args)
    {
        using var embedder = new Embedder();
        var queries = Enumerable.Range(0, 200).Select(i => SyntheticText.Sentence(new Random(1000 + i))).ToList();
        var queryVectors = embedder.EmbedMany(queries);
        foreach (var size in new[] { 1_000, 10_000 })
        {
            var index = Build(size);
            foreach (var mode in new[] { SearchMode.Hybrid, SearchMode.Vector })
            {
                for (var i = 0; i < 20; i++) index.Search(queries[i], queryVectors[i], 5, 0, mode);
                var timings = new List<TimeSpan>();
                for (var i = 0; i < queries.Count; i++)
                {
                    var clock = Stopwatch.StartNew();
                    index.Search(queries[i], queryVectors[i], 5, 0, mode);
                    timings.Add(clock.Elapsed);
                }
                Console.WriteLine($"search {size,6} chunks, {mode,-6}, top 5: {Percentiles.Of(timings)}");
            }

            var endToEnd = new List<TimeSpan>();
            foreach (var (query, i) in queries.Select((q, i) => (q, i)))
            {
                // Numbered per size, so the embedder's cache never answers.
                var text = string.Create(CultureInfo.InvariantCulture, $"{query} #{size}-{i}");
                var clock = Stopwatch.StartNew();
                index.Search(text, embedder.Embed(text), 5, 0, SearchMode.Hybrid);
                endToEnd.Add(clock.Elapsed);
            }
            Console.WriteLine($"query  {size,6} chunks, Hybrid incl. MiniLM query embedding: {Percentiles.Of(endToEnd)}");
        }
        return Task.CompletedTask;
    }

    private static KnowledgeIndex Build(int size)
    {
        var random = new Random(size);
        var texts = SyntheticText.Chunks(size, seed: size);
        var chunks = texts.Select((t, i) => new KnowledgeChunk("doc-" + (i / 20).ToString(CultureInfo.InvariantCulture), i % 20, t)).ToList();
        var vectors = new float[size * Embedder.Dimensions];
        for (var i = 0; i < size; i++)
        {
            var row = vectors.AsSpan(i * Embedder.Dimensions, Embedder.Dimensions);
            for (var d = 0; d < row.Length; d++) row[d] = (float)(random.NextDouble() * 2 - 1);
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(row);
            System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, row);
        }
        return new KnowledgeIndex("bench", chunks, vectors);
    }
}
