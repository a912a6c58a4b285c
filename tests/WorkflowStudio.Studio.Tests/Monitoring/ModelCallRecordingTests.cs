using WorkflowStudio.AI.Models;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Studio.Deployments;
using WorkflowStudio.Studio.Monitoring;
using WorkflowStudio.Studio.Versions;
using WorkflowStudio.Studio.Workflows;

namespace WorkflowStudio.Studio.Tests.Monitoring;

/// <summary>Every model call of a run is recorded through the gateway, off the run's path, with text only where a tag opted in.</summary>
public sealed class ModelCallRecordingTests : IDisposable
{
    // A dollar per input token and two per output token, so the cost is exactly the usage.
    private readonly MonitoringHost _host = new(new Dictionary<string, string?>
    {
        ["Studio:Models:Prices:offline:InputPerMillion"] = "1000000",
        ["Studio:Models:Prices:offline:OutputPerMillion"] = "2000000",
    });

    private static MonitoringFilter AllTime => new(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1));

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_designer_run_records_its_model_call_with_workflow_version_run_step_usage_cost_and_no_text()
    {
        var runId = await _host.RunAsync();

        var call = Assert.Single((await _host.Get<MonitoringQueries>().ListCallsAsync(AllTime, 0, 10)).Calls);
        Assert.Equal(("writer-flow", 1, (string?)null, runId, "writer", "offline"), (call.WorkflowId, call.Version, call.Tag, call.RunId, call.StepId, call.Model));
        Assert.True(call.InputTokens > 0 && call.OutputTokens > 0);
        Assert.Equal(call.InputTokens + 2m * call.OutputTokens, call.Cost);
        Assert.Equal((1, false, (string?)null), (call.Attempts, call.CacheHit, call.ErrorCode));
        Assert.NotNull(call.TimeToFirstToken);
        Assert.Null(call.Prompt);
        Assert.Null(call.Answer);
    }

    [Fact]
    public async Task A_tag_that_opted_in_keeps_prompt_and_answer_text_and_another_tag_does_not()
    {
        var versions = _host.Get<WorkflowVersions>();
        await versions.SetTagAsync("writer-flow", "production", 1);
        await versions.SetTagAsync("writer-flow", "staging", 1);
        await _host.Get<DeploymentSettings>().SetRecordTextAsync("writer-flow", "production", true);

        await _host.RunAsync("lakes", tag: "production");
        await _host.RunAsync("hills", tag: "staging");

        var calls = (await _host.Get<MonitoringQueries>().ListCallsAsync(AllTime, 0, 10)).Calls.ToDictionary(c => c.Tag!);
        Assert.Contains("Write about lakes", calls["production"].Prompt);
        Assert.Contains("[system]", calls["production"].Prompt);
        Assert.False(string.IsNullOrEmpty(calls["production"].Answer));
        Assert.Null(calls["staging"].Prompt);
        Assert.Null(calls["staging"].Answer);
    }

    [Fact]
    public async Task A_failed_model_call_is_recorded_with_its_error()
    {
        // The offline model cannot satisfy a pattern, so the call fails with invalid_json.
        var strict = new WorkflowBuilder("strict", "Strict").Input("topic")
            .Prompt("writer", p => p.User("{{topic}}").JsonSchema("""{"type":"object","properties":{"code":{"type":"string","pattern":"^[A-Z]{3}$"}},"required":["code"]}"""))
            .Output("answer", "{{writer.text}}").Edge("topic", "writer").Edge("writer", "answer").Build();
        await _host.Get<WorkflowLibrary>().SaveAsync(strict);

        await _host.RunAsync(workflowId: "strict");

        var call = Assert.Single((await _host.Get<MonitoringQueries>().ListCallsAsync(AllTime with { FailedOnly = true }, 0, 10)).Calls);
        Assert.Equal(("strict", "invalid_json"), (call.WorkflowId, call.ErrorCode));
        Assert.Contains("schema", call.Error);
    }

    [Fact]
    public async Task A_full_queue_drops_calls_instead_of_waiting_and_every_call_is_either_stored_or_counted_dropped()
    {
        using var host = new MonitoringHost(new Dictionary<string, string?> { ["Studio:Monitoring:QueueCapacity"] = "1" });
        var recorder = host.Get<ModelCallRecorder>();
        var call = new ModelCallObservation(null, "offline", ModelPurpose.Chat, DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(3));

        for (var i = 0; i < 1_000; i++) recorder.Observe(call);
        await recorder.FlushAsync();

        Assert.Equal(1_000, recorder.Recorded + recorder.Dropped);
        var stored = await host.Get<MonitoringQueries>().ListCallsAsync(AllTime, 0, 1);
        Assert.Equal(recorder.Recorded, stored.Total);
    }

    [Fact]
    public async Task Recorded_calls_are_stored_on_the_run_sink_s_loop_so_the_file_keeps_one_writer()
    {
        var sink = new CountingSink(_host.Get<IRunEventSink>());
        await using var recorder = new ModelCallRecorder(_host.Get<IModelCallStore>(), sink,
            Microsoft.Extensions.Options.Options.Create(new MonitoringOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<ModelCallRecorder>.Instance);

        recorder.Observe(new ModelCallObservation(null, "offline", ModelPurpose.Chat, DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(5)));
        await recorder.FlushAsync();

        Assert.Equal(1, recorder.Recorded);
        Assert.Equal(1, sink.WritesAlong);
    }

    private sealed class CountingSink(IRunEventSink inner) : IRunEventSink
    {
        public int WritesAlong;

        public void Write(RunEvent runEvent) => inner.Write(runEvent);

        public Task CreateRunAsync(NewRun run, CancellationToken ct = default) => inner.CreateRunAsync(run, ct);

        public Task WriteAlongAsync(Func<Task> write, CancellationToken ct = default)
        {
            Interlocked.Increment(ref WritesAlong);
            return inner.WriteAlongAsync(write, ct);
        }

        public Task FlushAsync(CancellationToken ct = default) => inner.FlushAsync(ct);
    }
}
