using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Studio.Deployments;

// In the Studio namespace so AddWorkflowStudio registers deployments with one line and no extra using.
namespace WorkflowStudio.Studio;

public static class DeploymentServiceCollectionExtensions
{
    /// <summary>API keys and deployment runs, over the stores and the run feed that AddWorkflowStudio registers.</summary>
    public static IServiceCollection AddStudioDeployments(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<DeploymentRuns>();
        services.AddSingleton<DeploymentSettings>();
        return services;
    }
}
