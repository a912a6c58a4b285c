using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Web.Runs;

public static class RunsServiceCollectionExtensions
{
    /// <summary>
    /// The run coordinator and SignalR. Needs <c>AddStudioData</c> and the model, retrieval and tool ports; a Runner
    /// registered elsewhere wins over the one made here from those ports.
    /// </summary>
    public static IServiceCollection AddRuns(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddOptions<RunCoordinatorOptions>().BindConfiguration("Studio:Limits")
            .Validate(o => o.FollowerCapacity > 0, "Studio:Limits:FollowerCapacity must be at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new Runner(
            sp.GetRequiredService<IModelGateway>(), sp.GetRequiredService<IRetriever>(), sp.GetRequiredService<IToolRegistry>()));
        services.AddSingleton<RunCoordinator>();
        services.AddHostedService(sp => sp.GetRequiredService<RunCoordinator>());
        return services;
    }

    /// <summary>Maps the hub at <see cref="RunHub.Path"/> and the run history endpoints under /api.</summary>
    public static IEndpointRouteBuilder MapRuns(this IEndpointRouteBuilder app)
    {
        app.MapHub<RunHub>(RunHub.Path);
        app.MapRunEndpoints();
        return app;
    }
}
