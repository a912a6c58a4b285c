using WorkflowStudio.Web.Shell;

namespace WorkflowStudio.Web.Tests;

public sealed class ShellTests : StudioTestContext
{
    [Fact]
    public void Navigation_lists_every_area_of_the_studio()
    {
        var nav = Render<NavMenu>();

        var links = nav.FindAll("[data-testid^=nav-] a, a[data-testid^=nav-]").Select(a => a.TextContent.Trim()).ToList();
        // The test user is an owner, so the accounts, provider keys and audit log are listed too.
        Assert.Equal(["Workflows", "Designer", "Runs", "Evaluations", "Datasets", "Knowledge", "Deployments", "Monitoring", "Accounts", "Provider keys", "Audit log"], links);
    }

    [Fact]
    public void Coming_soon_page_says_what_will_come()
    {
        var page = Render<ComingSoon>(p => p
            .Add(c => c.Key, "datasets")
            .Add(c => c.Title, "Datasets")
            .Add(c => c.Icon, MudBlazor.Icons.Material.Outlined.TableChart)
            .Add(c => c.Summary, "Cases to evaluate against.")
            .Add(c => c.Upcoming, ["Import CSV", "Edit inline"]));

        Assert.Equal("Datasets", page.Find("[data-testid=page-title]").TextContent);
        Assert.Equal(["Import CSV", "Edit inline"], page.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()));
        Assert.NotNull(page.Find("[data-testid=page-datasets]"));
    }
}
