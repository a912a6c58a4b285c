using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WorkflowStudio.AI.Models;

namespace WorkflowStudio.Studio.Monitoring;

/// <summary>
/// OpenTelemetry export of the model-call traces and metrics (<see cref="ModelTelemetry"/>, GenAI semantic conventions)
/// over OTLP, only when Studio:Monitoring:OtlpEndpoint is set. Nothing is collected or sent otherwise.
/// </summary>
internal static class MonitoringTelemetry
{
    public const string ServiceName = "WorkflowStudio";

    public static bool IsValidEndpoint(string? endpoint) =>
        string.IsNullOrWhiteSpace(endpoint) || Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    public static bool IsValidProtocol(string protocol) => protocol is "grpc" or "http/protobuf";

    /// <summary>Registers the exporters when the settings ask for them; bad settings are left to the validator, which stops the start.</summary>
    public static void AddWhenConfigured(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MonitoringOptions.Section);
        var endpoint = section[nameof(MonitoringOptions.OtlpEndpoint)];
        var protocol = section[nameof(MonitoringOptions.OtlpProtocol)] ?? "grpc";
        if (string.IsNullOrWhiteSpace(endpoint) || !IsValidEndpoint(endpoint) || !IsValidProtocol(protocol)) return;

        void Exporter(OtlpExporterOptions o)
        {
            o.Endpoint = new Uri(endpoint);
            o.Protocol = protocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t => t.AddSource(ModelTelemetry.SourceName).AddOtlpExporter(Exporter))
            .WithMetrics(m => m.AddMeter(ModelTelemetry.SourceName).AddOtlpExporter(Exporter));
    }
}
