using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Testing.Faults;
using WorkflowStudio.Testing.Loopback;

namespace WorkflowStudio.Studio.Tests.Deployments;

/// <summary>
/// A provider outage at 30% faults (429 with Retry-After, 500, hangs, streams cut midway) through deployment calls:
/// every run ends stored as completed (through a retry, a restart or the fallback) or failed with a reason; none is
/// stuck, and every run's events are numbered without a gap, with the streamed text equal to the output.
/// </summary>
public sealed class FaultToleranceTests
{
    [Fact]
    public async Task Three_hundred_calls_at_thirty_percent_faults_all_end_with_no_event_lost()
    {
        await using var faults = await FaultedDeployments.StartAsync(0.3,
            new TagResilience(Retries: 3, RetryDelayMs: 5, TimeoutSeconds: 1, FallbackModel: "steady", CacheResponses: false), concurrency: 32);

        var audit = await faults.DriveAsync(300, concurrency: 32, stuckAfter: TimeSpan.FromMinutes(2));

        Assert.True(audit.Stuck == 0 && audit.RunsWithEventGaps == 0 && audit.RunsWithWrongText == 0 && audit.FailedWithoutReason == 0, audit.ToString());
        Assert.Equal(300, audit.Completed + audit.Failed);
        // The faults really happened, and retries and the fallback are what carried the runs through them.
        var injected = faults.Server.InjectedFaults;
        Assert.All(Enum.GetValues<FaultKind>(), kind => Assert.True(injected.GetValueOrDefault(kind) > 0, $"no {kind} was injected"));
        Assert.True(audit.CompletedAfterRetry > 0, audit.ToString());
        Assert.True(audit.Completed >= 290, audit.ToString());
    }

    [Fact]
    public async Task Without_retries_or_a_fallback_the_same_faults_fail_runs_with_their_reasons_and_still_lose_nothing()
    {
        await using var faults = await FaultedDeployments.StartAsync(0.3,
            new TagResilience(Retries: 0, RetryDelayMs: 5, TimeoutSeconds: 1, FallbackModel: null, CacheResponses: false), concurrency: 32);

        var audit = await faults.DriveAsync(100, concurrency: 32, stuckAfter: TimeSpan.FromMinutes(2));

        Assert.True(audit.Stuck == 0 && audit.RunsWithEventGaps == 0 && audit.RunsWithWrongText == 0 && audit.FailedWithoutReason == 0, audit.ToString());
        Assert.True(audit.Failed > 0, audit.ToString());
        Assert.Equal(100, audit.Completed + audit.Failed);
    }
}
