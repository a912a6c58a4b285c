using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using WorkflowStudio.Web.Designer;

namespace WorkflowStudio.Web.Tests.Designer;

/// <summary>A fault in one designer panel stays in that panel.</summary>
public sealed class PanelBoundaryTests : StudioTestContext
{
    /// <summary>A panel whose button throws, as the code editor did when its tab was left while loading.</summary>
    private sealed class FaultyPanel : ComponentBase
    {
        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "data-testid", "faulty");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create(this, () => throw new InvalidOperationException("The editor went away.")));
            builder.AddContent(3, "Works");
            builder.CloseElement();
        }
    }

    [Fact]
    public void A_failing_panel_shows_the_error_in_its_place_the_others_carry_on_and_it_can_be_retried()
    {
        var page = Render(builder =>
        {
            builder.OpenComponent<PanelBoundary>(0);
            builder.AddComponentParameter(1, nameof(PanelBoundary.Name), "C#");
            builder.AddComponentParameter(2, nameof(PanelBoundary.ChildContent), (RenderFragment)(b => { b.OpenComponent<FaultyPanel>(0); b.CloseComponent(); }));
            builder.CloseComponent();
            builder.OpenComponent<PanelBoundary>(3);
            builder.AddComponentParameter(4, nameof(PanelBoundary.Name), "Canvas");
            builder.AddComponentParameter(5, nameof(PanelBoundary.ChildContent), (RenderFragment)(b => b.AddMarkupContent(0, "<div data-testid=\"canvas\">steps</div>")));
            builder.CloseComponent();
        });

        page.Find("[data-testid=faulty]").Click();

        var error = page.Find("[data-testid='panel-error-c#']");
        Assert.Contains("The C# panel stopped on an error: The editor went away.", error.TextContent);
        Assert.Empty(page.FindAll("[data-testid=faulty]"));
        Assert.Equal("steps", page.Find("[data-testid=canvas]").TextContent);

        page.Find("[data-testid='panel-retry-c#']").Click();
        Assert.Empty(page.FindAll("[data-testid='panel-error-c#']"));
        Assert.Equal("Works", page.Find("[data-testid=faulty]").TextContent);
    }
}
