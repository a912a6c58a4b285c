using WorkflowStudio.Core.Running;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Studio.Deployments;
using WorkflowStudio.Studio.Monitoring;
using WorkflowStudio.Studio.Runs;
using WorkflowStudio.Testing.Faults;
using WorkflowStudio.Testing.Loopback;

namespace WorkflowStudio.Studio.Tests.Deployments;

/// <summary>A tag's resilience settings: validated with clear sentences, stored without a new version, used by the next call.</summary>
public sealed class DeploymentResilienceTests : IAsyncLifetime
{
    private FaultedDeployments _studio = null!;

    public async Task InitializeAsync() =>
        _studio = await FaultedDeployments.StartAsync(0, TagResilience.Default, concurrency: 4);

    private DeploymentSettings Settings => _studio.Get<DeploymentSettings>();

    [Fact]
    public async Task A_tag_never_set_has_the_defaults_and_a_change_is_read_back()
    {
        Assert.Equal(TagResilience.Default, await Settings.GetResilienceAsync(FaultedDeployments.WorkflowId, FaultedDeployments.Tag));

        await Settings.SetResilienceAsync(FaultedDeployments.WorkflowId, FaultedDeployments.Tag, new TagResilience(4, 250, 30, " steady ", true));

        Assert.Equal(new TagResilience(4, 250, 30, "steady", true), await Settings.GetResilienceAsync(FaultedDeployments.WorkflowId, FaultedDeployments.Tag));
        var policy = DeploymentSettings.ToModelPolicy(await Settings.GetResilienceAsync(FaultedDeployments.WorkflowId, FaultedDeployments.Tag));
        Assert.Equal((4, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30), "steady", true),
            (policy.Retries, policy.RetryDelay, policy.AttemptTimeout, policy.FallbackModel, policy.UseCache));
    }

    [Theory]
    [InlineData(11, 500, null, null, "Retries must be 0 to 10; 11 was given.")]
    [InlineData(-1, 500, null, null, "Retries must be 0 to 10")]
    [InlineData(2, 0, null, null, "The first retry delay must be 1 to 60,000 ms; 0 was given.")]
    [InlineData(2, 500, 0.0, null, "The timeout must be 0.1 to 600 seconds")]
    [InlineData(2, 500, 601.0, null, "The timeout must be 0.1 to 600 seconds")]
    [InlineData(2, 500, null, "gpt-unknown", "The fallback model cannot be used")]
    public async Task Out_of_range_values_are_refused_with_a_sentence_and_nothing_changes(int retries, int delayMs, double? timeout, string? fallback, string message)
    {
        var error = await Assert.ThrowsAsync<StoreException>(() => Settings.SetResilienceAsync(FaultedDeployments.WorkflowId, FaultedDeployments.Tag,
            new TagResilience(retries, delayMs, timeout, fallback, true)));

        Assert.Contains(message, error.Message);
        Assert.Equal(StoreErrorKind.Invalid, error.Kind);
        Assert.Equal(TagResilience.Default, await Settings.GetResilienceAsync(FaultedDeployments.WorkflowId, FaultedDeployments.Tag));
    }

    [Fact]
    public async Task A_tag_that_does_not_exist_is_not_found()
    {
        var error = await Assert.ThrowsAsync<StoreException>(() => Settings.SetResilienceAsync(FaultedDeployments.WorkflowId, "staging", TagResilience.Default));

        Assert.Equal(StoreErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task The_next_call_uses_the_new_settings_and_its_model_call_records_the_fallback_and_the_attempts()
    {
        _studio.Server.Faults = new FaultInjection(1, Model: "flaky") { Kinds = [FaultKind.ServerError] };
        await Settings.SetResilienceAsync(FaultedDeployments.WorkflowId, FaultedDeployments.Tag, new TagResilience(1, 1, null, "steady", false));

        var runId = await CallAsync();

        var done = (await _studio.Get<RunHistory>().GetEventsAsync(runId)).OfType<NodeCompleted>().Single(e => e.NodeId == "reply");
        Assert.Equal(("steady", "flaky", 3), (done.Model, done.FallbackFrom, done.ModelAttempts));
        await _studio.Get<ModelCallRecorder>().FlushAsync();
        var call = (await _studio.Get<MonitoringQueries>().ListCallsAsync(new MonitoringFilter(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)) { RunId = runId }, 0, 10)).Calls.Single();
        Assert.Equal(("steady", "flaky", 3, FaultedDeployments.Tag), (call.Model, call.FallbackFrom, call.Attempts, call.Tag));
    }

    [Fact]
    public async Task A_tag_with_the_cache_on_answers_a_repeated_call_without_the_provider()
    {
        await Settings.SetResilienceAsync(FaultedDeployments.WorkflowId, FaultedDeployments.Tag, TagResilience.Default with { CacheResponses = true });

        await CallAsync();
        var requests = _studio.Server.ChatRequests;
        var second = await CallAsync();

        Assert.Equal(requests, _studio.Server.ChatRequests);
        var done = (await _studio.Get<RunHistory>().GetEventsAsync(second)).OfType<NodeCompleted>().Single(e => e.NodeId == "reply");
        Assert.True(done.CacheHit);
        Assert.Equal(0m, done.Cost);
    }

    private async Task<string> CallAsync()
    {
        var key = await _studio.Get<ApiKeys>().CreateAsync("k" + Guid.NewGuid().ToString("N")[..6], ApiKeyScopes.Run, [FaultedDeployments.WorkflowId], "tester");
        var deployments = _studio.Get<DeploymentRuns>();
        var started = await deployments.StartAsync(new DeploymentCall(FaultedDeployments.WorkflowId, FaultedDeployments.Tag,
            new Dictionary<string, string> { ["question"] = "Where is the reset button?" }, key.Key.Id, null), "tester");
        var outcome = await deployments.WaitAsync(started.RunId);
        Assert.True(outcome.Status == "completed", outcome.Error);
        return started.RunId;
    }

    public async Task DisposeAsync() => await _studio.DisposeAsync();
}
