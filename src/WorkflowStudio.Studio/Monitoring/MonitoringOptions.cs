namespace WorkflowStudio.Studio.Monitoring;

/// <summary>"Studio:Monitoring": the model-call recorder, the alert checks and the OpenTelemetry export.</summary>
public sealed class MonitoringOptions
{
    public const string Section = "Studio:Monitoring";

    /// <summary>Model calls waiting to be stored; past this, new calls are counted as dropped instead of slowing the run.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How often the alert rules are evaluated.</summary>
    public double AlertCheckSeconds { get; set; } = 60;

    /// <summary>Traces and metrics go here over OTLP when set (e.g. http://127.0.0.1:4317); nothing is exported when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>"grpc" (default) or "http/protobuf".</summary>
    public string OtlpProtocol { get; set; } = "grpc";
}
