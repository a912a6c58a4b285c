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

    [Theory]
    [InlineData("Write one short paragraph about tea.")]
    // Research notes that say "one of the ..." are prose, not an instruction to pick a label ("scale" was picked once).
    [InlineData("Write a short article about meal prepping.\nUse these notes:\nObesity is one of the most common health problems in pet cats. Measure food with a scale or cup.")]
    [InlineData("Listening is one of the best ways to learn a language, along with reading, podcasts or films.")]
    public void A_prompt_without_one_is_not_a_closed_label_instruction(string prompt) =>
        Assert.Null(LabelChoice.From([new ChatMessage(ChatRole.User, prompt)]));
}
