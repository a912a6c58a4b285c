using AngleSharp.Dom;
using WorkflowStudio.Core.Metadata;
using WorkflowStudio.Web.Designer;

namespace WorkflowStudio.Web.Tests.Designer;

public sealed class PaletteTests : StudioTestContext
{
    private static IEnumerable<string> Kinds(IRenderedComponent<Palette> palette) =>
        palette.FindAll("[data-testid^=palette-item-]").Select(e => e.GetAttribute("data-testid")!["palette-item-".Length..]);

    [Fact]
    public void Every_node_kind_is_listed_under_its_category_with_its_description()
    {
        var palette = Render<Palette>();

        Assert.Equal(NodeCatalog.All.Select(d => d.Kind).Order(), Kinds(palette).Order());
        foreach (var descriptor in NodeCatalog.All)
        {
            var category = palette.Find($"[data-testid=palette-category-{descriptor.Category.ToString().ToLowerInvariant()}]");
            var item = category.QuerySelector($"[data-testid=palette-item-{descriptor.Kind}]");
            Assert.NotNull(item);
            Assert.Contains(descriptor.Description, item.TextContent);
        }
    }

    [Theory]
    [InlineData("judge", new[] { "judge" })]
    [InlineData("KNOWLEDGE", new[] { "retrieval" })]
    [InlineData("input", new[] { "input", "output" })]
    [InlineData("model answer", new[] { "agent", "judge" })]
    public void Search_matches_names_descriptions_and_categories(string search, string[] kinds)
    {
        var palette = Render<Palette>();

        palette.Find("[data-testid=palette-search]").Input(search);

        Assert.Equal(kinds.Order(), Kinds(palette).Order());
    }

    [Fact]
    public void A_search_with_no_match_says_so()
    {
        var palette = Render<Palette>();

        palette.Find("[data-testid=palette-search]").Input("teleporter");

        Assert.Empty(Kinds(palette));
        Assert.Contains("teleporter", palette.Find("[data-testid=palette-empty]").TextContent);
    }

    [Fact]
    public void Clicking_adds_and_dragging_announces_the_kind()
    {
        NodeDescriptor? added = null;
        var dragging = new List<NodeDescriptor?>();
        var palette = Render<Palette>(p => p
            .Add(c => c.OnAdd, d => added = d)
            .Add(c => c.OnDragging, d => dragging.Add(d)));

        palette.Find("[data-testid=palette-item-prompt]").Click();
        palette.Find("[data-testid=palette-item-tool]").DragStart();
        palette.Find("[data-testid=palette-item-tool]").DragEnd();

        Assert.Equal("prompt", added?.Kind);
        Assert.Equal(["tool", null], dragging.Select(d => d?.Kind));
    }
}
