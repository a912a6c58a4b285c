using WorkflowStudio.AI.Text;

namespace WorkflowStudio.AI.Tests;

public sealed class FactsTests
{
    [Theory]
    [InlineData("The Plus plan costs $9.99 per month.", "9.99 $")]
    [InlineData("A single shared folder can hold up to 10,000 files.", "10000 file")]
    [InlineData("Every frame has a 5-year warranty.", "5 year")]
    [InlineData("Deleted files stay in the trash for 60 days.", "60 day")]
    [InlineData("Plans of 24 months carry 5.9% interest.", "24 month|5.9 %")]
    [InlineData("Charge it between 10 °C and 30 °C.", "10 °c|30 °c")]
    [InlineData("You can pay over 12, 24 or 36 months.", "12|24|36 month")]
    public void Quantities_keep_their_value_and_unit(string text, string expected) =>
        Assert.Equal(expected.Split('|'), Facts.Quantities(text).Select(q => q.ToString()));

    [Fact]
    public void Quantities_match_on_value_and_unit_but_a_bare_number_matches_any_unit()
    {
        var context = Facts.Quantities("The Plus plan includes 2 TB of storage.");

        Assert.True(Facts.Contains(context, new Quantity("2", "tb")));
        Assert.False(Facts.Contains(context, new Quantity("2", "gb")));
        Assert.True(Facts.Contains(context, new Quantity("2", "")));
    }

    [Fact]
    public void Names_are_capitalised_words_after_the_first_but_not_units_or_quantities()
    {
        var names = Facts.Names("How long does the City's 400 Wh battery take, and are 12-month plans free on Nimbus Plus?");

        Assert.Equal(["city", "nimbus", "plus"], names.Order());
    }
}
