using WorkflowStudio.AI.Offline;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tests;

public sealed class LabelChoiceTests
{
    [Theory]
    [InlineData("Reply with exactly one word: BILLING or TECHNICAL.", "BILLING|TECHNICAL", "billing|technical")]
    [InlineData("Answer with one of: positive, negative, neutral", "positive|negative|neutral", "positive|negative|neutral")]
    [InlineData("Reply with exactly one word: BILLING (payments, refunds) or TECHNICAL (errors, setup).", "BILLING|TECHNICAL", "payments, refunds|errors, setup")]
    public void A_closed_label_instruction_gives_its_labels_and_their_descriptions(string instruction, string labels, string descriptions)
    {
        var choice = LabelChoice.From([new ChatMessage(ChatRole.System, instruction), new ChatMessage(ChatRole.User, "Ticket: hello")]);

        Assert.NotNull(choice);
        Assert.Equal(labels.Split('|'), choice.Labels);
        Assert.Equal(descriptions.Split('|'), choice.Descriptions);
    }

    [Fact]
    public void A_prompt_without_one_is_not_a_closed_label_instruction() =>
        Assert.Null(LabelChoice.From([new ChatMessage(ChatRole.User, "Write one short paragraph about tea.")]));
}
