using System.Text.Json.Nodes;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Knowledge;
using WorkflowStudio.AI.Offline;
using WorkflowStudio.AI.Tests.Support;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tests.Quality;

/// <summary>
/// Embeds each quality knowledge base once, then runs every labelled question through the RAG template's retrieval
/// and answer prompt and every judge row through the offline judge, once for all the quality tests.
/// </summary>
public sealed class QualityFixture : IDisposable
{
    public const int TopK = 5;

    private readonly Studio _studio = new();

    public QualityFixture()
    {
        Sets = QualitySet.Names.Select(QualitySet.Load).ToList();
        var store = _studio.Get<KnowledgeBaseStore>();
        foreach (var set in Sets) store.Register(set.Name, set.Articles);
        var rag = RagPrompt.Load();
        Answers = Sets.SelectMany(s => s.Questions).Select(q => Answer(rag, q).GetAwaiter().GetResult()).ToList();
        Judgements = Sets.SelectMany(s => s.JudgeRows.Select(r => Judge(rag, store, r).GetAwaiter().GetResult())).ToList();
    }

    public IReadOnlyList<QualitySet> Sets { get; }

    public IReadOnlyList<AnswerOutcome> Answers { get; }

    public IReadOnlyList<JudgeOutcome> Judgements { get; }

    public Embedder Embedder => _studio.Get<Embedder>();

    private IModelGateway Gateway => _studio.Get<IModelGateway>();

    private async Task<AnswerOutcome> Answer(RagPrompt rag, LabelledQuestion question)
    {
        var hits = await _studio.Get<KnowledgeRetriever>().SearchAsync(question.KnowledgeBase, question.Question, TopK, 0, SearchMode.Hybrid, CancellationToken.None);
        var messages = rag.Messages(Passages(hits.Select(h => h.Chunk)), question.Question);
        var response = await Gateway.CompleteAsync(new ModelRequest("offline", messages), null, CancellationToken.None);
        var evidence = new EvidenceSelector(Embedder).Select(question.Question, PromptParts.From(messages).Context);
        // The evidence strength an answer stands on; minus one when the question names something the context never mentions.
        var strength = evidence.UnknownName is null ? evidence.Parts.Max(p => p.Strength) : -1;
        return new AnswerOutcome(question, hits.Select(h => h.Chunk.Document).Distinct().ToList(), response.Text, strength);
    }

    private async Task<JudgeOutcome> Judge(RagPrompt rag, KnowledgeBaseStore store, JudgeRow row)
    {
        var index = await store.GetAsync(row.Question.KnowledgeBase);
        var articles = row.Context ?? row.Question.Articles;
        var context = Passages(index.Chunks.Where(c => articles.Contains(c.Document)));
        var request = new ModelRequest("offline",
        [
            new ChatMessage(ChatRole.System, "You are a strict, fair evaluator. Reply with JSON only: {\"score\": number, \"reason\": \"one or two sentences\"}."),
            new ChatMessage(ChatRole.User, rag.JudgePrompt(row.Question.Question, context, row.Answer, row.Expected)),
        ]) { Purpose = ModelPurpose.Judge };
        var verdict = JsonNode.Parse((await Gateway.CompleteAsync(request, null, CancellationToken.None)).Text)!;
        return new JudgeOutcome(row, verdict["score"]!.GetValue<double>(), verdict["reason"]!.GetValue<string>());
    }

    // As the Retrieval step writes its text output.
    private static string Passages(IEnumerable<KnowledgeChunk> chunks) =>
        string.Join("\n\n", chunks.Select(c => $"[{c.Document}#{c.Index}] {c.Text}"));

    public void Dispose() => _studio.Dispose();
}

[CollectionDefinition(Name)]
public sealed class QualityCollection : ICollectionFixture<QualityFixture>
{
    public const string Name = "quality";
}
