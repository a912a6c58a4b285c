using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry.Trace;
using WorkflowStudio.AI.Models;
using WorkflowStudio.Studio.Configuration;

namespace WorkflowStudio.Studio.Tests.Monitoring;

/// <summary>Model calls as OpenTelemetry GenAI spans, and the OTLP settings checked at start.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_model_call_is_a_chat_span_with_the_GenAI_attributes_and_the_run_it_belongs_to()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ModelTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var host = new MonitoringHost();

        var runId = await host.RunAsync();

        var span = Assert.Single(spans, s => (string?)s.GetTagItem("workflowstudio.run.id") == runId);
        Assert.Equal(("chat offline", ActivityKind.Client), (span.DisplayName, span.Kind));
        Assert.Equal(("chat", "offline", "offline"), ((string?)span.GetTagItem("gen_ai.operation.name"), (string?)span.GetTagItem("gen_ai.request.model"), (string?)span.GetTagItem("gen_ai.response.model")));
        Assert.True((int)span.GetTagItem("gen_ai.usage.input_tokens")! > 0);
        Assert.Equal("writer", span.GetTagItem("workflowstudio.step.id"));
        Assert.DoesNotContain(span.Tags, t => t.Value?.Contains("Write about") == true);
    }

    [Fact]
    public void An_OTLP_endpoint_turns_the_exporter_on_and_a_bad_one_stops_the_start_with_a_sentence()
    {
        using (var off = new StudioHost())
            Assert.Null(off.Services.GetService(typeof(TracerProvider)));
        using (var on = new StudioHost(new Dictionary<string, string?> { ["Studio:Monitoring:OtlpEndpoint"] = "http://127.0.0.1:4317" }))
            Assert.NotNull(on.Services.GetService(typeof(TracerProvider)));

        using var bad = new StudioHost(new Dictionary<string, string?> { ["Studio:Monitoring:OtlpEndpoint"] = "not a url" });
        var e = Assert.Throws<StudioSettingsException>(() => bad.Services.ValidateStudioSettings());
        Assert.Contains("Studio:Monitoring:OtlpEndpoint", e.Message);
    }
}
