using System.Text.Json.Nodes;
using WorkflowStudio.AI.Offline;
using WorkflowStudio.AI.Tests.Support;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tests;

/// <summary>
/// The offline model reading context as retrieval and search give it: "[document#chunk]" markers, heading
/// trails and "N. Title — URL" result lines are markup to cite, never prose to quote.
/// </summary>
public sealed class OfflineCitationTests(SharedStudio shared) : IClassFixture<SharedStudio>
{
    // The shape the Retrieval node gives: each chunk after its marker, the heading trail on the chunk's first line.
    private const string Passages = """
        [billing-and-refunds.md#1] Billing and refunds > How to request a refund
        Request a refund from the Orders page of your Acme account by choosing Return item. Refunds are paid to the original payment method within 5 to 7 business days.

        [billing-and-refunds.md#0] Billing and refunds > Return policy
        You can return any Acme Widget within 30 days of delivery for a full refund. Return shipping is free for customers in the EU.

        [privacy.txt#0] Acme stores your widget's history for 90 days. You can delete it at any time.
        """;

    private static readonly Dictionary<string, string> SentenceSources = new()
    {
        ["Request a refund from the Orders page of your Acme account by choosing Return item."] = "billing-and-refunds.md",
        ["Refunds are paid to the original payment method within 5 to 7 business days."] = "billing-and-refunds.md",
        ["You can return any Acme Widget within 30 days of delivery for a full refund."] = "billing-and-refunds.md",
        ["Return shipping is free for customers in the EU."] = "billing-and-refunds.md",
        ["Acme stores your widget's history for 90 days."] = "privacy.txt",
        ["You can delete it at any time."] = "privacy.txt",
    };

    // The shape web.search gives: a numbered title and URL, then the page's snippet.
    private const string Research = """
        1. The best smart widgets of 2026 — https://gadgets.example.org/best-smart-widgets-2026
           Smart widgets automate small household jobs and can be controlled from a phone. Our top pick is the Acme Widget Pro for its quiet motor.
        2. Smart widget market trends — https://news.example.com/2026/widget-market-trends
           Sales of smart widgets grew by a third last year as prices fell.
        """;

    private readonly Studio _studio = shared.Studio;

    private IModelGateway Gateway => _studio.Get<IModelGateway>();

    private async Task<string> AskAsync(string context, string question) =>
        (await Gateway.CompleteAsync(new ModelRequest("offline", [
            new ChatMessage(ChatRole.System, "Answer only from the context."),
            new ChatMessage(ChatRole.User, $"Context:\n{context}\n\nQuestion: {question}"),
        ]), null, CancellationToken.None)).Text;

    private static (string Quoted, string Sources) Split(string answer)
    {
        var at = answer.LastIndexOf("\n\nSources: ", StringComparison.Ordinal);
        Assert.True(at > 0, $"No sources line in: {answer}");
        return (answer[..at], answer[(at + "\n\nSources: ".Length)..]);
    }

    [Theory]
    [InlineData("Can I get a refund?")]
    [InlineData("What is the return policy?")]
    [InlineData("How long does Acme store my history?")]
    public async Task Retrieved_passages_are_quoted_as_their_sentences_alone(string question)
    {
        var (quoted, _) = Split(await AskAsync(Passages, question));

        Assert.DoesNotContain("[", quoted);
        Assert.DoesNotContain(" > ", quoted);
        Assert.DoesNotContain("Billing and refunds", quoted);
        var sentences = SentenceSources.Keys.Where(quoted.Contains).ToList();
        Assert.NotEmpty(sentences);
        Assert.Equal(quoted, string.Join(" ", SentenceSources.Keys.Where(quoted.Contains)));
    }

    [Fact]
    public async Task A_heading_that_matches_the_question_best_is_still_never_quoted()
    {
        var (quoted, _) = Split(await AskAsync(Passages, "Return policy"));

        Assert.EndsWith(".", quoted);
        Assert.DoesNotContain("Return policy", quoted);
    }

    [Theory]
    [InlineData("Can I get a refund?")]
    [InlineData("How long does Acme store my history?")]
    public async Task The_sources_line_names_the_documents_of_the_quoted_sentences(string question)
    {
        var (quoted, sources) = Split(await AskAsync(Passages, question));

        var expected = SentenceSources.Where(s => quoted.Contains(s.Key)).Select(s => s.Value).Distinct();
        Assert.Equal(string.Join(", ", expected), sources);
    }

    [Fact]
    public async Task Context_without_markers_gets_no_sources_line()
    {
        var answer = await AskAsync("Charge the widget for two hours before first use.\nError code E23 means the motor is blocked.", "What does E23 mean?");

        Assert.DoesNotContain("Sources:", answer);
        Assert.Contains("Error code E23 means the motor is blocked.", answer);
    }

    [Fact]
    public async Task Search_results_are_quoted_as_prose_and_cited_by_address()
    {
        var (quoted, sources) = Split(await AskAsync(Research, "What are smart widgets?"));

        Assert.DoesNotContain("https://", quoted);
        Assert.DoesNotContain(" — ", quoted);
        Assert.DoesNotContain("The best smart widgets of 2026", quoted);
        Assert.Contains("Smart widgets automate small household jobs and can be controlled from a phone.", quoted);
        Assert.StartsWith("https://gadgets.example.org/best-smart-widgets-2026", sources);
    }

    [Fact]
    public async Task A_remembered_answer_s_sources_line_is_not_quoted_back()
    {
        var first = await AskAsync(Research, "What are smart widgets?");
        var followUp = await Gateway.CompleteAsync(new ModelRequest("offline", [
            new ChatMessage(ChatRole.User, "Question: What are smart widgets?"),
            new ChatMessage(ChatRole.Assistant, first),
            new ChatMessage(ChatRole.User, "Question: What can smart widgets be controlled from?"),
        ]), null, CancellationToken.None);

        Assert.DoesNotContain("https://", followUp.Text);
        Assert.Contains("controlled from a phone", followUp.Text);
    }

    [Fact]
    public async Task The_judge_does_not_count_a_sources_line_as_a_claim()
    {
        var request = new ModelRequest("offline", [
            new ChatMessage(ChatRole.System, "You are a strict, fair evaluator. Reply with JSON only."),
            new ChatMessage(ChatRole.User,
                $"RUBRIC:\nThe answer says how to get a refund.\n\n<reference>\n{Passages}\n</reference>\n\n" +
                "<answer>\nRequest a refund from the Orders page of your Acme account by choosing Return item.\n\nSources: billing-and-refunds.md\n</answer>"),
        ]) { Purpose = ModelPurpose.Judge };

        var response = await Gateway.CompleteAsync(request, null, CancellationToken.None);

        Assert.StartsWith("The answer's one sentence is backed by the reference.", JsonNode.Parse(response.Text)!["reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Write a short article about smart widgets.", "smart widgets")]
    [InlineData("Please draft a post on keyword research", "keyword research")]
    [InlineData("What should I write about smart widgets?", "What should I write about smart widgets?")]
    [InlineData("How do I reset my widget?", "How do I reset my widget?")]
    public void A_writing_instruction_is_answered_by_its_topic(string prompt, string focus)
    {
        var parts = PromptParts.From([new ChatMessage(ChatRole.User, prompt + "\nSmart widgets automate small household jobs.")]);

        Assert.Equal(focus, parts.Focus);
    }

    [Fact]
    public void Markup_is_read_into_sentences_with_their_sources()
    {
        var sentences = ContextMarkup.Read(Passages + "\n\nPlain text after the passages.");

        Assert.DoesNotContain(sentences, s => s.Text.Contains('[') || s.Text.Contains(" > "));
        Assert.Equal(new ContextSentence("Acme stores your widget's history for 90 days.", "privacy.txt"), sentences[^3]);
        Assert.Equal(new ContextSentence("Plain text after the passages.", null), sentences[^1]);
    }
}
