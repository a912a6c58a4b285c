using WorkflowStudio.AI.Tests.Support;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tests;

/// <summary>The offline model answering a question from retrieved passages: the fact asked for, from the subject asked about, or a plain "does not say".</summary>
public sealed class OfflineAnswerTests(SharedStudio shared) : IClassFixture<SharedStudio>
{
    private const string Passages = """
        [plans.md#0] Plans
        The Basic plan costs $4.99 per month and includes 200 GB. The Plus plan costs $9.99 per month and includes 2 TB.

        [history.md#0] Version history
        On the Basic plan, earlier versions are kept for 30 days. On the Plus plan, earlier versions are kept for 180 days.
        """;

    private async Task<string> AskAsync(string question) =>
        (await shared.Studio.Get<IModelGateway>().CompleteAsync(new ModelRequest("offline", [
            new ChatMessage(ChatRole.System, "Answer only from the context. If the context does not say, reply that you do not know."),
            new ChatMessage(ChatRole.User, $"Context:\n{Passages}\n\nQuestion: {question}"),
        ]), null, CancellationToken.None)).Text;

    [Fact]
    public async Task It_answers_with_the_one_sentence_about_the_subject_asked_and_cites_it()
    {
        var answer = await AskAsync("How long are earlier versions kept on the Plus plan?");

        Assert.Equal("On the Plus plan, earlier versions are kept for 180 days.\n\nSources: history.md", answer);
    }

    [Fact]
    public async Task A_question_needing_two_sources_gets_a_sentence_from_each()
    {
        var answer = await AskAsync("How much does the Basic plan cost, and how long does it keep earlier versions?");

        Assert.Equal("The Basic plan costs $4.99 per month and includes 200 GB. On the Basic plan, earlier versions are kept for 30 days.\n\nSources: plans.md, history.md", answer);
    }

    [Theory]
    [InlineData("How much does the Pro plan cost?", "The knowledge base does not say anything about Pro")]
    [InlineData("Is there a student discount?", "The knowledge base does not say: none of the passages given answers")]
    public async Task It_says_the_knowledge_base_does_not_say_rather_than_quote_another_subject(string question, string decline)
    {
        var answer = await AskAsync(question);

        Assert.StartsWith(decline, answer);
        Assert.DoesNotContain("$", answer);
    }
}
