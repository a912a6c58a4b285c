using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Data.Knowledge;
using WorkflowStudio.Studio;
using WorkflowStudio.Studio.Configuration;
using WorkflowStudio.Studio.Knowledge;

namespace WorkflowStudio.Benchmarks.AI;

/// <summary>
/// Knowledge bases through the application layer (`harness knowledge-store`): a base of the bundled offline
/// corpus (37 pages) indexed by <see cref="KnowledgeLibrary"/> into a fresh SQLite file — reading,
/// chunking, MiniLM embedding and the transactional writes — then the first query (loading the base from the store)
/// and 200 warm queries as the Knowledge page and the CLI ask them (revision check, query embedding, hybrid search).
/// `harness knowledge-store N` indexes N distinct synthetic passages instead (50 to a document, one passage per
/// chunk), to see how indexing, the first load and queries grow with the base; the re-index is then left out.
/// </summary>
public sealed class KnowledgeStoreHarness : IHarness
{
    public string Name => "knowledge-store";

    public async Task RunAsync(string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("bench-knowledge-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [StudioPaths.DataDirectoryKey] = folder,
                ["Studio:Knowledge:Directory"] = Path.Combine(folder, "no-folders"),
            }).Build();
            await using var services = new ServiceCollection().AddLogging()
                .AddWorkflowStudio(configuration, StudioPaths.From(configuration, folder, folder)).BuildServiceProvider();
            var library = services.GetRequiredService<KnowledgeLibrary>();
            var synthetic = args.Length > 0 && int.TryParse(args[0], out var count) ? count : (int?)null;
            var uploads = synthetic is { } passages ? SyntheticDocuments(passages) : CorpusDocuments();
            await library.CreateAsync("corpus", synthetic is null ? null : new KnowledgeBaseSettings(ChunkSize: 400, ChunkOverlap: 0, VectorWeight: 0.6, TopK: 5));
            // The ONNX session loads once per process (the warm-up does it at start); it is not part of indexing.
            services.GetRequiredService<WorkflowStudio.AI.Embeddings.Embedder>().Embed("warm up the model");

            var clock = Stopwatch.StartNew();
            var done = await (await library.AddDocumentsAsync("corpus", uploads)).Completion;
            var indexing = clock.Elapsed;
            var info = (await library.FindAsync("corpus"))!;
            Console.WriteLine($"indexed {done.Stored.Count} documents into {info.ChunkCount} chunks in {indexing.TotalSeconds:0.00} s: {info.ChunkCount / indexing.TotalSeconds:0.0} chunks/s ({done.State})");

            if (synthetic is null)
            {
                // New chunking gives new passage texts, so the embedder's cache cannot answer for them.
                clock.Restart();
                var (_, job) = await library.UpdateSettingsAsync("corpus", info.Settings with { ChunkSize = 500, ChunkOverlap = 100 });
                var reindex = await job!.Completion;
                var rechunked = (await library.FindAsync("corpus"))!.ChunkCount;
                Console.WriteLine($"re-indexed at chunk size 500 into {rechunked} chunks in {clock.Elapsed.TotalSeconds:0.00} s: {rechunked / clock.Elapsed.TotalSeconds:0.0} chunks/s ({reindex.State})");
                info = (await library.FindAsync("corpus"))!;
            }

            var queries = Enumerable.Range(0, 200).Select(i => $"{SyntheticText.Sentence(new Random(2000 + i))} #{i}").ToList();
            clock.Restart();
            await library.QueryAsync("corpus", "how do I choose an espresso grinder");
            Console.WriteLine($"first query (loads {info.ChunkCount} chunks from SQLite): {clock.Elapsed.TotalMilliseconds:0.0} ms");
            var timings = new List<TimeSpan>();
            foreach (var query in queries)
            {
                clock.Restart();
                await library.QueryAsync("corpus", query, topK: 5);
                timings.Add(clock.Elapsed);
            }
            Console.WriteLine($"query {info.ChunkCount} chunks, Hybrid top 5 incl. MiniLM query embedding: {Percentiles.Of(timings)}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // Copies of the same pages would be answered by the embedder's cache, so the base is the corpus once.
    private static List<DocumentUpload> CorpusDocuments() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "templates", "corpus"), "*.md").Order(StringComparer.Ordinal)
            .Select(p => new DocumentUpload(Path.GetFileName(p), File.ReadAllBytes(p))).ToList();

    private static List<DocumentUpload> SyntheticDocuments(int passages) =>
        SyntheticText.Chunks(passages, seed: 7).Chunk(50)
            .Select((chunk, i) => new DocumentUpload($"article-{i:D4}.md", System.Text.Encoding.UTF8.GetBytes(string.Join("\n\n", chunk))))
            .ToList();
}
