using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Running;
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
        // Components name the signed-in user as author and pass the role to the application layer.
        AddAuthorization().SetAuthorized(UserName).SetRoles(nameof(WorkflowStudio.Studio.Security.StudioRole.Owner));
        Services.AddScoped<WorkflowStudio.Web.Security.CurrentUser>();
        // The real Runner over Core's in-process ports: the scripted model answers "Answer: " + the prompt, word by word.
        Services.AddSingleton(new StepTester(new Runner(new ScriptedModelGateway(), new InMemoryRetriever(new Dictionary<string, IReadOnlyList<(string, string)>>()), new InMemoryToolRegistry()),
            Microsoft.Extensions.Options.Options.Create(new StudioOptions())));
    }

    public const string UserName = "tester";

    /// <summary>What the inspector's pickers offer in these tests, as configuration would provide.</summary>
    public static readonly StepChoices Choices = new(["offline", "gpt-4o-mini"], ["acme-support"], ["calculator", "web.search"]);

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that only dispose asynchronously; xUnit 2 awaits this before the synchronous Dispose.
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
