using WorkflowStudio.Studio.Versions.Diff;

namespace WorkflowStudio.Studio.Tests;

public sealed class WordDiffTests
{
    [Fact]
    public void A_changed_word_is_marked_on_each_side_and_the_spans_give_each_text_back()
    {
        var diff = WordDiffer.Compare("The warranty lasts two years.", "The warranty lasts three years.");

        Assert.Equal("The warranty lasts two years.", string.Concat(diff.Before.Select(s => s.Text)));
        Assert.Equal("The warranty lasts three years.", string.Concat(diff.After.Select(s => s.Text)));
        Assert.Equal(["two"], diff.Before.Where(s => s.Changed).Select(s => s.Text.Trim()));
        Assert.Equal(["three"], diff.After.Where(s => s.Changed).Select(s => s.Text.Trim()));
    }

    [Fact]
    public void Identical_texts_have_no_changes_and_unicode_survives()
    {
        var diff = WordDiffer.Compare("Prix : 12 € — garantie 2 ans", "Prix : 12 € — garantie 2 ans");

        Assert.False(diff.HasChanges);
        Assert.Equal("Prix : 12 € — garantie 2 ans", string.Concat(diff.After.Select(s => s.Text)));
    }

    [Fact]
    public void An_empty_side_is_all_added_or_all_removed()
    {
        var diff = WordDiffer.Compare("", "A new answer");

        Assert.Empty(diff.Before);
        Assert.Equal([new WordSpan("A new answer", true)], diff.After);
        Assert.True(WordDiffer.Compare("Gone now", "").Before.All(s => s.Changed));
    }
}
