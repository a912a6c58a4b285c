using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.AI.Models;
using WorkflowStudio.Studio.Monitoring;

// In the Studio namespace so AddWorkflowStudio registers monitoring with one line and no extra using.
namespace WorkflowStudio.Studio;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>
    /// The model-call recorder (an observer of the gateway), the rollup backfill, the Monitoring queries, feedback, alerts, the fine-tuning export
    /// and the OTLP export when configured, bound from "Studio:Monitoring".
    /// </summary>
    public static IServiceCollection AddStudioMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MonitoringOptions>().Bind(configuration.GetSection(MonitoringOptions.Section))
            .Validate(o => o.QueueCapacity is >= 1 and <= 10_000_000, $"{MonitoringOptions.Section}:QueueCapacity must be between 1 and 10000000.")
            .Validate(o => o.AlertCheckSeconds is >= 1 and <= 86_400, $"{MonitoringOptions.Section}:AlertCheckSeconds must be between 1 and 86400.")
            .Validate(o => MonitoringTelemetry.IsValidEndpoint(o.OtlpEndpoint), $"{MonitoringOptions.Section}:OtlpEndpoint must be an absolute http(s) URL, or empty for no export.")
            .Validate(o => MonitoringTelemetry.IsValidProtocol(o.OtlpProtocol), $"{MonitoringOptions.Section}:OtlpProtocol must be grpc or http/protobuf.")
            .ValidateOnStart();
        MonitoringTelemetry.AddWhenConfigured(services, configuration);
        services.AddSingleton<ModelCallRecorder>();
        services.AddSingleton<IModelCallObserver>(sp => sp.GetRequiredService<ModelCallRecorder>());
        services.AddSingleton<MonitoringQueries>();
        services.AddHostedService<ModelCallRollupBackfill>();
        services.AddSingleton<RunFeedback>();
        services.AddSingleton<FineTuneExport>();
        services.AddSingleton<AlertMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertMonitor>());
        return services;
    }
}
