using System.Text.Json.Nodes;
using WorkflowStudio.AI.Tests.Support;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tests;

/// <summary>The offline judge given the question, as the Judge step now sends it: each failed check named in the reason.</summary>
public sealed class OfflineJudgeTests(SharedStudio shared) : IClassFixture<SharedStudio>
{
    private const string Context = """
        [plans.md#0] Plans
        The Basic plan costs $4.99 per month. The Plus plan costs $9.99 per month.

        [trash.md#0] Trash
        Deleted files stay in the trash for 60 days. Emptying the trash cannot be undone.
        """;

    private async Task<(double Score, string Reason)> JudgeAsync(string question, string answer, string? expected = null)
    {
        var prompt = $"RUBRIC:\nThe answer is supported by the context and answers the question.\n\n<question>\n{question}\n</question>\n\n<reference>\n{Context}\n</reference>\n\n" +
                     (expected is null ? "" : $"<expected>\n{expected}\n</expected>\n\n") + $"<answer>\n{answer}\n</answer>";
        var response = await shared.Studio.Get<IModelGateway>().CompleteAsync(
            new ModelRequest("offline", [new ChatMessage(ChatRole.User, prompt)]) { Purpose = ModelPurpose.Judge }, null, CancellationToken.None);
        var verdict = JsonNode.Parse(response.Text)!;
        return (verdict["score"]!.GetValue<double>(), verdict["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_right_answer_passes()
    {
        var (score, reason) = await JudgeAsync("How much does the Plus plan cost?", "The Plus plan costs $9.99 per month.");

        Assert.True(score >= 0.7, reason);
        Assert.StartsWith("It answers the question and every claim is backed by the context.", reason);
    }

    [Theory]
    [InlineData("How much does the Plus plan cost?", "The Plus plan costs $4.99 per month.", "Groundedness:")]
    [InlineData("How much does the Plus plan cost?", "Deleted files stay in the trash for 60 days.", "Relevance:")]
    [InlineData("How much does the Plus plan cost?", "The knowledge base does not say.", "Abstention: the answer declines, but the context answers it")]
    [InlineData("How much does the Pro plan cost?", "The Pro plan costs $9.99 per month.", "Abstention: the question asks about Pro")]
    public async Task A_wrong_answer_fails_with_the_check_it_failed(string question, string answer, string reason)
    {
        var verdict = await JudgeAsync(question, answer);

        Assert.True(verdict.Score < 0.5, verdict.Reason);
        Assert.Contains(reason, verdict.Reason);
    }

    [Fact]
    public async Task Declining_is_right_when_the_context_lacks_the_answer()
    {
        var (score, reason) = await JudgeAsync("Is there a student discount?", "The knowledge base does not say whether there is a student discount.");

        Assert.True(score >= 0.7, reason);
        Assert.StartsWith("It rightly declines", reason);
    }

    [Fact]
    public async Task Against_an_expected_answer_the_numbers_must_match()
    {
        var (score, reason) = await JudgeAsync("How long do deleted files stay in the trash?", "Deleted files stay in the trash for 60 days.", expected: "30 days");

        Assert.True(score < 0.5, reason);
        Assert.Contains("Correctness: it says 60 day where the expected answer says 30 day.", reason);
    }
}
