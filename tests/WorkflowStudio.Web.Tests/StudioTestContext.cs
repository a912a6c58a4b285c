using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Web.Designer;
using WorkflowStudio.Web.Shell;

namespace WorkflowStudio.Web.Tests;

/// <summary>A bUnit context with MudBlazor and the studio's shell services, and loose JS interop (MudBlazor calls JS we do not assert on).</summary>
public abstract class StudioTestContext : BunitContext, IAsyncLifetime
{
    protected StudioTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddStudioShell();
        Services.AddSingleton(Choices);
    }

    /// <summary>What the inspector's pickers offer in these tests, as configuration would provide.</summary>
    public static readonly DesignerChoices Choices = new(["offline", "gpt-4o-mini"], ["acme-support"], ["calculator", "web.search"]);

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that only dispose asynchronously; xUnit 2 awaits this before the synchronous Dispose.
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
