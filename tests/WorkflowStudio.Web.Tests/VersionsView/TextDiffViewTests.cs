
namespace WorkflowStudio.Web.Tests.VersionsView;

public sealed class TextDiffViewTests : StudioTestContext
{
    [Fact]
    public void Changed_lines_show_with_three_lines_of_context_and_the_rest_folds()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"line {i}"));
        var after = before.Replace("line 10", "line ten");

        var view = Render<TextDiffView>(p => p.Add(c => c.Diff, TextDiffer.Compare(before, after)));

        var lines = view.FindAll(".diff-line");
        Assert.Equal(8, lines.Count);
        Assert.Equal(["removed", "added"], lines.Where(l => l.GetAttribute("data-kind") != "unchanged").Select(l => l.GetAttribute("data-kind")));
        Assert.Equal(2, view.FindAll(".diff-fold").Count);
        Assert.Contains("line ten", view.Markup);
    }

    [Fact]
    public void The_same_text_says_so()
    {
        var view = Render<TextDiffView>(p => p.Add(c => c.Diff, TextDiffer.Compare("a\nb", "a\nb")));

        Assert.Contains("The text is the same.", view.Markup);
        Assert.Empty(view.FindAll(".diff-fold"));
        Assert.Empty(view.FindAll(".diff-line"));
    }
}
