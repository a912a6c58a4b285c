using WorkflowStudio.AI.Knowledge;
using WorkflowStudio.AI.Tests.Support;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tests;

public sealed class RetrievalTests(SharedStudio shared) : IClassFixture<SharedStudio>
{
    /// <summary>Questions about the sample knowledge base, each with a phrase only the chunk that answers it contains.</summary>
    public static readonly (string Question, string Document, string Phrase)[] Labelled =
    [
        ("How long does the battery last on a full charge?", "getting-started.md", "A full charge lasts about 14 hours"),
        ("My phone can't find the gadget during setup, which button do I press?", "getting-started.md", "Hold the pairing button"),
        ("Does it work with 5 GHz wifi?", "getting-started.md", "5 GHz-only networks are not supported"),
        ("When does the device install new software?", "getting-started.md", "checks for firmware updates every night"),
        ("How do I wipe all settings and start over?", "troubleshooting.md", "A factory reset erases your settings"),
        ("What does E23 mean?", "troubleshooting.md", "E23 means the motor is blocked"),
        ("The thing makes a grinding sound", "troubleshooting.md", "A grinding noise usually means dust in the rotor"),
        ("E42 firewall port", "troubleshooting.md", "port 8883"),
        ("Can I send it back if I don't like it?", "billing-and-refunds.md", "return any Acme Widget within 30 days"),
        ("How much is Acme Plus per year?", "billing-and-refunds.md", "49 dollars a year"),
        ("When will my money arrive after returning the item?", "billing-and-refunds.md", "within 5 to 7 business days"),
        ("Where do I find the serial number?", "warranty.md", "printed under the rubber foot"),
        ("How many years of coverage does the Pro get?", "warranty.md", "The Widget Pro has a three-year warranty"),
        ("What does replacing the battery cost when out of warranty?", "warranty.md", "Battery replacement costs 25 dollars"),
        ("Is the widget waterproof?", "widget-pro.md", "splash resistant (IPX4)"),
        ("How often should the brushes be changed?", "widget-pro.md", "Replace the brushes every 12 months"),
        ("How do I remove my account and my data?", "privacy.txt", "Delete account"),
        ("How long is cloud history kept on the free plan?", "privacy.txt", "7 days on the free plan"),
    ];

    private readonly Studio _studio = shared.Studio;

    private KnowledgeRetriever Retriever => _studio.Get<KnowledgeRetriever>();

    private async Task<double> RecallAt5(SearchMode mode)
    {
        var found = 0;
        foreach (var (question, document, phrase) in Labelled)
        {
            var hits = await Retriever.SearchAsync("acme-widgets", question, 5, 0, mode, CancellationToken.None);
            if (hits.Any(h => h.Chunk.Document == document && h.Chunk.Text.Contains(phrase, StringComparison.Ordinal))) found++;
        }
        return (double)found / Labelled.Length;
    }

    [Fact]
    public async Task Hybrid_search_finds_the_answering_chunk_in_the_top_5_for_most_questions_and_beats_either_score_alone()
    {
        var hybrid = await RecallAt5(SearchMode.Hybrid);
        var vector = await RecallAt5(SearchMode.Vector);
        var keyword = await RecallAt5(SearchMode.Keyword);

        Assert.True(hybrid >= 0.8, $"hybrid recall@5 {hybrid:0.00}");
        Assert.True(hybrid > vector, $"hybrid {hybrid:0.00} vs vector {vector:0.00}");
        Assert.True(hybrid > keyword, $"hybrid {hybrid:0.00} vs keyword {keyword:0.00}");
    }

    [Fact]
    public async Task The_retriever_port_returns_document_chunk_and_score_best_first()
    {
        var chunks = await Retriever.SearchAsync(new RetrievalQuery("acme-widgets", "How do I reset the widget to factory settings?", 3, 0, Hybrid: true), CancellationToken.None);

        Assert.Equal(3, chunks.Count);
        Assert.Equal("troubleshooting.md", chunks[0].Document);
        Assert.Contains("Resetting to factory settings", chunks[0].Text);
        Assert.True(chunks[0].Score >= chunks[1].Score && chunks[1].Score >= chunks[2].Score);
        Assert.All(chunks, c => Assert.InRange(c.Score, 0, 1));
    }

    [Fact]
    public async Task The_minimum_score_leaves_out_weak_passages()
    {
        var all = await Retriever.SearchAsync(new RetrievalQuery("acme-widgets", "warranty length", 20, 0, Hybrid: true), CancellationToken.None);
        var strong = await Retriever.SearchAsync(new RetrievalQuery("acme-widgets", "warranty length", 20, 0.5, Hybrid: true), CancellationToken.None);

        Assert.NotEmpty(strong);
        Assert.True(strong.Count < all.Count);
        Assert.All(strong, c => Assert.True(c.Score >= 0.5));
    }

    [Fact]
    public async Task An_unknown_knowledge_base_is_named_in_a_clear_error()
    {
        Assert.Null(Retriever.CheckKnowledgeBase("acme-widgets"));
        Assert.Contains("no knowledge base named 'nope'", Retriever.CheckKnowledgeBase("nope"));
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Retriever.SearchAsync(new RetrievalQuery("nope", "anything", 3, 0, true), CancellationToken.None).AsTask());
        Assert.Contains("acme-widgets", error.Message);
    }
}
