using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Templating;

namespace WorkflowStudio.Core.Tests;

public class ScriptedModelGatewayTests
{
    private static ModelRequest Ask(string user, string? system = null, ModelPurpose purpose = ModelPurpose.Chat) =>
        new("bench-model", [.. system is null ? Array.Empty<ChatMessage>() : [new ChatMessage(ChatRole.System, system)], new ChatMessage(ChatRole.User, user)])
        {
            Purpose = purpose,
        };

    [Fact]
    public async Task A_reply_template_reads_the_prompt_the_system_message_the_model_and_the_purpose()
    {
        var reply = ScriptedModelGateway.TemplateReply(TemplateEngine.Parse(
            """{% assign w = prompt | split: " " %}answer-{{ w[3] }} (t{{ w[6] }}) {{ model }} {{ purpose }} [{{ system }}]"""));
        var gateway = new ScriptedModelGateway(reply);

        var chat = await gateway.CompleteAsync(Ask("Answer: Question number 7 about topic 7"), null, CancellationToken.None);
        var judged = await gateway.CompleteAsync(Ask("Answer: Question number 12 about topic 12", "Be brief.", ModelPurpose.Judge), null, CancellationToken.None);

        Assert.Equal("answer-7 (t7) bench-model chat []", chat.Text);
        Assert.Equal("answer-12 (t12) bench-model judge [Be brief.]", judged.Text);
    }

    [Fact]
    public void A_reply_template_with_a_syntax_error_is_refused_before_any_call()
    {
        var e = Assert.Throws<TemplateException>(() => ScriptedModelGateway.TemplateReply(TemplateEngine.Parse("answer-{{ prompt ")));
        Assert.Contains("syntax error", e.Message);
    }

    [Fact]
    public async Task A_latency_is_waited_before_answering_and_a_cancel_during_it_stops_the_call()
    {
        var gateway = new ScriptedModelGateway(latency: TimeSpan.FromHours(1));
        using var cancel = new CancellationTokenSource();
        var call = gateway.CompleteAsync(Ask("hello"), null, cancel.Token).AsTask();

        Assert.False(call.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
