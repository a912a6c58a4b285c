using System.Text.Json.Nodes;
using WorkflowStudio.AI.Tests.Support;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.AI.Tests;

/// <summary>
/// The shipped templates end to end through Core's Runner: the real gateway over SK and HTTP to the
/// loopback OpenAI-compatible server, real retrieval over the sample knowledge base and real tools.
/// </summary>
public sealed class TemplateRunTests : IClassFixture<ProviderStudio>
{
    private const string Answer = "Here is a helpful answer streamed word by word from the test server.";
    private const int AnswerInput = 30, AnswerOutput = 9, JudgeInput = 40, JudgeOutput = 12;

    private readonly LoopbackServer _server;
    private readonly Studio _studio;

    public TemplateRunTests(ProviderStudio shared)
    {
        _server = shared.Server;
        _server.Reset();
        _studio = shared.Studio;
        _server.Responder = Reply;
    }

    // Answers as a hosted model would: a verdict for the judge's JSON schema, one word for the classifier, prose otherwise.
    private static Reply Reply(JsonObject request)
    {
        if (request["response_format"]?["type"]?.ToString() == "json_schema")
            return new TextReply("""{"score": 0.9, "reason": "It is grounded in the reference."}""", JudgeInput, JudgeOutput);
        return request["messages"]![0]!["content"]!.ToString().Contains("exactly one word", StringComparison.Ordinal)
            ? new TextReply("BILLING", 25, 1)
            : new TextReply(Answer, AnswerInput, AnswerOutput);
    }

    private IEnumerable<JsonObject> Requests(bool streamed) =>
        _server.Requests.Where(r => (r["stream"]?.GetValue<bool>() ?? false) == streamed);

    private static void AssertStreamedAnswer(IReadOnlyList<RunEvent> events, string nodeId)
    {
        var deltas = events.Deltas(nodeId);
        Assert.True(deltas.Count > 1, $"'{nodeId}' should stream in several chunks, got {deltas.Count}.");
        Assert.Equal(Answer, string.Concat(deltas));
        var completed = events.Completed(nodeId);
        Assert.Equal(Answer, completed.Outputs["text"]);
        AssertUsage(completed, AnswerInput, AnswerOutput);
        Assert.NotNull(completed.TimeToFirstToken);
    }

    private static void AssertUsage(NodeCompleted completed, int input, int output)
    {
        Assert.Equal(ProviderSettings.Model, completed.Model);
        Assert.Equal(input, completed.InputTokens);
        Assert.Equal(output, completed.OutputTokens);
        Assert.Equal(ProviderSettings.Cost(input, output), completed.Cost);
    }

    [Fact]
    public async Task Rag_qa_retrieves_from_the_knowledge_base_streams_the_answer_and_judges_it()
    {
        var workflow = Runs.Template("rag-qa").UsingModel(ProviderSettings.Model);

        var events = await _studio.RunAsync(workflow, new Dictionary<string, string> { ["question"] = "How do I reset my widget to factory settings?" });

        var done = Assert.IsType<RunCompleted>(events[^1]);
        Assert.Equal(Answer, done.Outputs["reply"]);
        var search = events.Completed("search");
        var chunks = Assert.IsAssignableFrom<IEnumerable<Dictionary<string, object?>>>(search.Outputs["chunks"]);
        Assert.Equal("troubleshooting.md", chunks.First()["document"]);
        // The retrieved passage, not something the test wrote, is what the model was asked to answer from.
        var streamed = Assert.Single(Requests(streamed: true));
        Assert.Contains("hold the power button and the pairing button together", streamed["messages"]!.ToJsonString());
        Assert.True(streamed["stream_options"]?["include_usage"]?.GetValue<bool>());
        AssertStreamedAnswer(events, "answer");
        var judge = events.Completed("grounded");
        Assert.Equal("pass", judge.Port);
        Assert.Equal("It is grounded in the reference.", judge.Outputs["reason"]);
        AssertUsage(judge, JudgeInput, JudgeOutput);
        Assert.Empty(events.Deltas("grounded"));
    }

    [Fact]
    public async Task Seo_article_searches_the_offline_corpus_writes_and_passes_the_editor()
    {
        var workflow = Runs.Template("seo-article").UsingModel(ProviderSettings.Model);

        var events = await _studio.RunAsync(workflow, new Dictionary<string, string> { ["keyword"] = "meta description length" });

        var done = Assert.IsType<RunCompleted>(events[^1]);
        Assert.Equal(Answer, done.Outputs["article"]);
        Assert.Contains("seo.example.net", (string)events.Completed("research").Outputs["text"]!);
        var streamed = Assert.Single(Requests(streamed: true));
        var sent = streamed["messages"]!.ToJsonString();
        Assert.Contains("seo.example.net", sent);
        Assert.Contains("small business owners", sent);
        AssertStreamedAnswer(events, "writer");
        AssertUsage(events.Completed("editor"), JudgeInput, JudgeOutput);
    }

    [Fact]
    public async Task Support_triage_classifies_without_streaming_and_streams_the_billing_reply()
    {
        var workflow = Runs.Template("support-triage").UsingModel(ProviderSettings.Model);

        var events = await _studio.RunAsync(workflow, new Dictionary<string, string> { ["ticket"] = "I was charged twice for my Acme Plus plan this month." });

        var done = Assert.IsType<RunCompleted>(events[^1]);
        Assert.Equal(Answer, done.Outputs["reply"]);
        var classify = events.Completed("classify");
        Assert.Equal("BILLING", classify.Outputs["text"]);
        AssertUsage(classify, 25, 1);
        Assert.Empty(events.Deltas("classify"));
        AssertStreamedAnswer(events, "billing");
        Assert.Contains(events, e => e is NodeSkipped { NodeId: "technical" });
        Assert.Single(Requests(streamed: false));
        Assert.Single(Requests(streamed: true));
    }

    [Theory]
    [InlineData("seo-article", "keyword", "smart widgets", "article")]
    [InlineData("rag-qa", "question", "Can I return it?", "reply")]
    [InlineData("support-triage", "ticket", "The app crashes when I open it", "reply")]
    public async Task Every_template_runs_offline_through_the_runner(string template, string input, string value, string output)
    {
        var events = await _studio.RunAsync(Runs.Template(template), new Dictionary<string, string> { [input] = value });

        var done = Assert.IsType<RunCompleted>(events[^1]);
        Assert.False(string.IsNullOrWhiteSpace(done.Outputs[output] as string));
        Assert.All(events.OfType<NodeCompleted>().Where(e => e.Model is not null), e => Assert.Equal("offline", e.Model));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Rag_qa_offline_answers_in_clean_sentences_and_names_its_sources()
    {
        var events = await _studio.RunAsync(Runs.Template("rag-qa"), new Dictionary<string, string> { ["question"] = "Can I get a refund?" });

        var reply = (string)Assert.IsType<RunCompleted>(events[^1]).Outputs["reply"]!;
        var lines = reply.Split('\n');
        Assert.Equal("Sources: billing-and-refunds.md", lines[^1]);
        var quoted = lines[0];
        Assert.Contains("Request a refund from the Orders page", quoted);
        Assert.DoesNotContain("[", quoted);
        Assert.DoesNotContain("Billing and refunds", quoted);
        Assert.EndsWith(".", quoted);
    }

    [Fact]
    public async Task Rag_qa_runs_offline_and_its_judge_explains_the_verdict_in_words()
    {
        var events = await _studio.RunAsync(Runs.Template("rag-qa"), new Dictionary<string, string> { ["question"] = "How long is the warranty on the Widget Pro?" });

        var done = Assert.IsType<RunCompleted>(events[^1]);
        Assert.Contains("three-year warranty", (string)done.Outputs["reply"]!);
        var verdict = events.Completed("grounded");
        Assert.Equal("pass", verdict.Port);
        var reason = (string)verdict.Outputs["reason"]!;
        Assert.StartsWith("It answers the question and every claim is backed by the context.", reason);
        // The judge is told what was asked, so it can tell an answer from a true sentence about something else.
        var judged = events.OfType<NodeStarted>().Single(e => e.NodeId == "grounded");
        Assert.Equal("How long is the warranty on the Widget Pro?", judged.Inputs["question"]);
        Assert.Equal("offline", verdict.Model);
        Assert.Empty(_server.Requests);
    }
}
