using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.AI.Models;
using WorkflowStudio.Studio.Monitoring;

// In the Studio namespace so AddWorkflowStudio registers monitoring with one line and no extra using.
namespace WorkflowStudio.Studio;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>The model-call recorder (an observer of the gateway), the Monitoring queries and feedback, bound from "Studio:Monitoring".</summary>
    public static IServiceCollection AddStudioMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MonitoringOptions>().Bind(configuration.GetSection(MonitoringOptions.Section))
            .Validate(o => o.QueueCapacity is >= 1 and <= 10_000_000, $"{MonitoringOptions.Section}:QueueCapacity must be between 1 and 10000000.")
            .Validate(o => o.AlertCheckSeconds is >= 1 and <= 86_400, $"{MonitoringOptions.Section}:AlertCheckSeconds must be between 1 and 86400.")
            .ValidateOnStart();
        services.AddSingleton<ModelCallRecorder>();
        services.AddSingleton<IModelCallObserver>(sp => sp.GetRequiredService<ModelCallRecorder>());
        services.AddSingleton<MonitoringQueries>();
        services.AddSingleton<RunFeedback>();
        services.AddSingleton<AlertMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertMonitor>());
        return services;
    }
}
