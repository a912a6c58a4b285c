using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Models;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using Xunit.Abstractions;

namespace WorkflowStudio.AI.Tests.Quality;

/// <summary>
/// The semantic cache on a labelled set of message pairs (QualitySets/semantic-cache/pairs.json): paraphrases whose
/// stored answer is right, and near-misses (another number, name, a negation, another question) whose is not. Each
/// pair goes through the real <see cref="SemanticCache"/> with MiniLM at the default threshold, in a partition of
/// its own; the figures docs/quality.md reports are asserted here.
/// </summary>
public sealed class SemanticCacheQualityTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Categories = ["paraphrase", "near-miss number", "near-miss name", "negation", "other question"];

    private readonly ServiceProvider _services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
    private readonly Embedder _embedder = new();

    private sealed record Pair(string Category, string Stored, string Asked, bool Hit);

    private sealed record PairFile(IReadOnlyList<Pair> Pairs);

    private sealed record Outcome(Pair Pair, double Similarity, bool FactsMatch, bool Hit)
    {
        public bool Right => Hit == Pair.Hit;
    }

    [Fact]
    public async Task At_the_default_threshold_paraphrases_hit_and_near_misses_do_not()
    {
        var outcomes = await MeasureAsync(PromptNode.DefaultSemanticCacheThreshold);
        output.WriteLine(Report(outcomes, PromptNode.DefaultSemanticCacheThreshold));

        var byCategory = Categories.ToDictionary(c => c, c => outcomes.Where(o => o.Pair.Category == c).ToList());
        Assert.Equal(44, outcomes.Count);
        // Hits among the 20 paraphrases (recall), and wrong hits among the near-misses: none, so precision is 1.
        Assert.Equal(14, byCategory["paraphrase"].Count(o => o.Hit));
        Assert.All(Categories.Skip(1), c => Assert.DoesNotContain(byCategory[c], o => o.Hit));
    }

    [Fact]
    public async Task Without_the_facts_guard_near_misses_with_another_number_or_name_would_hit()
    {
        var outcomes = await MeasureAsync(PromptNode.DefaultSemanticCacheThreshold);

        var similarOnly = outcomes.Where(o => !o.Pair.Hit && o.Similarity >= PromptNode.DefaultSemanticCacheThreshold).ToList();
        Assert.Contains(similarOnly, o => o.Pair.Category is "near-miss number" or "near-miss name");
        Assert.All(similarOnly, o => Assert.False(o.FactsMatch, $"only the guard stops \"{o.Pair.Asked}\""));
    }

    [Fact]
    public async Task Lower_thresholds_find_more_paraphrases_and_only_the_guard_keeps_near_misses_out()
    {
        var outcomes = await MeasureAsync(PromptNode.DefaultSemanticCacheThreshold);
        // The same rule as the cache (facts equal, cosine at or above), over the measured similarities.
        int Hits(double threshold, bool shouldHit) => outcomes.Count(o => o.Pair.Hit == shouldHit && o.FactsMatch && o.Similarity >= threshold);
        int SimilarOnly(double threshold) => outcomes.Count(o => !o.Pair.Hit && o.Similarity >= threshold);
        foreach (var threshold in (double[])[0.85, 0.9, 0.95])
            output.WriteLine($"{threshold:0.00}: paraphrases hit {Hits(threshold, true)}/20, near-misses hit {Hits(threshold, false)}/24, near-misses at or above it without the guard {SimilarOnly(threshold)}");

        Assert.Equal((18, 0, 11), (Hits(0.85, true), Hits(0.85, false), SimilarOnly(0.85)));
        Assert.Equal((17, 0, 9), (Hits(0.9, true), Hits(0.9, false), SimilarOnly(0.9)));
        Assert.Equal((14, 0, 3), (Hits(0.95, true), Hits(0.95, false), SimilarOnly(0.95)));
    }

    private async Task<List<Outcome>> MeasureAsync(double threshold)
    {
        var pairs = JsonSerializer.Deserialize<PairFile>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "QualitySets", "semantic-cache", "pairs.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!.Pairs;
        var cache = new SemanticCache(_services.GetRequiredService<HybridCache>(), _embedder, TimeSpan.FromHours(1));
        var outcomes = new List<Outcome>();
        for (var i = 0; i < pairs.Count; i++)
        {
            // A step of its own per pair, so no other pair's entry can answer.
            var scope = new ModelCallScope("quality", 1, null, "run", $"step-{i}", 1);
            var stored = cache.Probe(Request(pairs[i].Stored), scope, 0, default)!;
            var asked = cache.Probe(Request(pairs[i].Asked), scope, 0, default)!;
            await cache.AddAsync(stored, $"answer-{i}", default);
            var found = await cache.FindAsync(asked, threshold, default);
            outcomes.Add(new Outcome(pairs[i], Embedder.Similarity(stored.Vector, asked.Vector), stored.Facts == asked.Facts, found is not null));
        }
        return outcomes;
    }

    private static ModelRequest Request(string user) =>
        new("model", [new ChatMessage(ChatRole.System, "Answer the customer briefly."), new ChatMessage(ChatRole.User, user)]);

    private static string Report(IReadOnlyList<Outcome> outcomes, double threshold)
    {
        string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
        var text = new StringBuilder($"Threshold {F(threshold)}\n\n| Category | Pairs | Should hit | Hit | Right | Cosine ≥ threshold | Cosine min–max |\n|---|---|---|---|---|---|---|\n");
        foreach (var category in Categories)
        {
            var rows = outcomes.Where(o => o.Pair.Category == category).ToList();
            text.Append($"| {category} | {rows.Count} | {rows.Count(o => o.Pair.Hit)} | {rows.Count(o => o.Hit)} | {rows.Count(o => o.Right)}/{rows.Count} | " +
                        $"{rows.Count(o => o.Similarity >= threshold)} | {F(rows.Min(o => o.Similarity))}–{F(rows.Max(o => o.Similarity))} |\n");
        }
        var hits = outcomes.Where(o => o.Hit).ToList();
        var shouldHit = outcomes.Count(o => o.Pair.Hit);
        text.Append($"\nPrecision {hits.Count(o => o.Pair.Hit)}/{hits.Count}, recall {hits.Count(o => o.Pair.Hit)}/{shouldHit}\n\nEvery pair:\n");
        foreach (var o in outcomes)
            text.Append($"{(o.Right ? "  " : "✗ ")}{o.Pair.Category}: {F(o.Similarity)} facts {(o.FactsMatch ? "same" : "differ")} → {(o.Hit ? "hit" : "miss")} | {o.Pair.Stored} ⇢ {o.Pair.Asked}\n");
        return text.ToString();
    }

    public void Dispose()
    {
        _embedder.Dispose();
        _services.Dispose();
    }
}
