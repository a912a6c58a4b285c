using Microsoft.AspNetCore.Components;
using WorkflowStudio.Web.Components;

namespace WorkflowStudio.Web.Tests.Components;

public sealed class CancelOnDisposeComponentTests : BunitContext
{
    /// <summary>Hands out the token its awaited calls would get.</summary>
    private sealed class Probe : CancelOnDisposeComponent
    {
        public CancellationToken Token => Gone;
    }

    [Fact]
    public async Task A_component_leaving_the_page_cancels_the_calls_it_awaits()
    {
        var probe = Render<Probe>().Instance;
        var token = probe.Token;
        Assert.False(token.IsCancellationRequested);

        await DisposeComponentsAsync();

        Assert.True(token.IsCancellationRequested);
        // Read again after disposal (a catch filter does): still answers rather than throwing.
        Assert.True(probe.Token.IsCancellationRequested);
    }
}
