using WorkflowStudio.Core.Model;
using WorkflowStudio.Web.Designer;

namespace WorkflowStudio.Web.Tests.Designer;

/// <summary>Unsaved edits kept in the browser's localStorage (bUnit's JS interop stands in for it).</summary>
public sealed class DraftKeeperTests : StudioTestContext
{
    private static readonly string Key = DraftKeeper.KeyFor(SampleWorkflows.Chain().Id);

    private string Stored() => (string)JSInterop.Invocations["localStorage.setItem"][^1].Arguments[1]!;

    [Fact]
    public void An_edit_is_kept_with_its_base_version_and_saving_clears_it()
    {
        var session = new DesignerSession(SampleWorkflows.Chain(), version: 4);
        Render<DraftKeeper>(p => p.Add(c => c.Session, session));

        session.Apply(session.Workflow with { Name = "Chain, edited" });

        var set = JSInterop.Invocations["localStorage.setItem"][^1];
        Assert.Equal(Key, set.Arguments[0]);
        Assert.Contains("Chain, edited", Stored());
        Assert.Contains("\"BaseVersion\":4", Stored());
        Assert.Empty(JSInterop.Invocations["localStorage.removeItem"]);

        session.MarkSaved(5);
        Assert.Equal(Key, Assert.Single(JSInterop.Invocations["localStorage.removeItem"]).Arguments[0]);
    }

    [Fact]
    public void A_reload_offers_the_kept_edits_restore_brings_them_back_unsaved_and_discard_clears_them()
    {
        var first = new DesignerSession(SampleWorkflows.Chain(), version: 4);
        Render<DraftKeeper>(p => p.Add(c => c.Session, first));
        first.Apply(first.Workflow with { Name = "Chain, edited" });
        JSInterop.Setup<string?>("localStorage.getItem", Key).SetResult(Stored());

        // The page comes back (a reload or a crashed circuit) on the saved version.
        var reloaded = new DesignerSession(SampleWorkflows.Chain(), version: 4);
        var keeper = Render<DraftKeeper>(p => p.Add(c => c.Session, reloaded));
        keeper.WaitForAssertion(() => Assert.Contains("made on version 4", keeper.Find("[data-testid=draft-offer]").TextContent));
        keeper.Find("button[data-testid=draft-restore]").Click();
        Assert.Equal("Chain, edited", reloaded.Workflow.Name);
        Assert.True(reloaded.IsDirty);
        Assert.Empty(keeper.FindAll("[data-testid=draft-offer]"));

        var again = new DesignerSession(SampleWorkflows.Chain(), version: 4);
        var other = Render<DraftKeeper>(p => p.Add(c => c.Session, again));
        other.WaitForAssertion(() => other.Find("[data-testid=draft-offer]"));
        other.Find("button[data-testid=draft-discard]").Click();
        Assert.Equal("Chain", again.Workflow.Name);
        Assert.Empty(other.FindAll("[data-testid=draft-offer]"));
        Assert.Equal(Key, JSInterop.Invocations["localStorage.removeItem"][^1].Arguments[0]);
    }
}
