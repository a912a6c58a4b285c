using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using WorkflowStudio.Web.Tests.Runs;

namespace WorkflowStudio.Web.Tests.Security;

/// <summary>"Studio:Limits:MaxConcurrentRuns" and "...PerUser": a start past either is refused with a sentence; a slot frees when a run ends.</summary>
public sealed class RunLimitTests
{
    private static readonly Dictionary<string, string?> TwoRunsOnePerUser = new()
    {
        ["Studio:Limits:MaxConcurrentRuns"] = "2",
        ["Studio:Limits:MaxConcurrentRunsPerUser"] = "1",
    };

    [Fact]
    public async Task A_user_past_the_per_user_limit_is_told_and_others_still_run()
    {
        await using var server = await RunServer.StartAsync(TwoRunsOnePerUser);
        await using var ada = await server.ConnectAsync("ada");
        var first = await ada.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest);

        var refused = await Assert.ThrowsAsync<HubException>(() => ada.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest));
        Assert.Contains("You already have 1 runs going", refused.Message);

        await using var grace = await server.ConnectAsync("grace");
        await grace.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest);
        await using var linus = await server.ConnectAsync("linus");
        var busy = await Assert.ThrowsAsync<HubException>(() => linus.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest));
        Assert.Contains("The studio is busy: 2 runs are going", busy.Message);

        // Once ada's run ends, her slot is free again.
        server.Gate.Release();
        await foreach (var e in server.Feed.FollowAsync(first.RunId, 0)) { }
        await WaitUntilAsync(() => !server.Feed.IsActive(first.RunId));
        await ada.InvokeAsync<StartedRunMessage>("StartRun", RunServer.StoryRequest);
    }

    [Fact]
    public async Task A_limit_out_of_range_stops_the_app_with_a_sentence()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunServer.StartAsync(new Dictionary<string, string?>
        {
            ["Studio:Limits:MaxConcurrentRuns"] = "2",
            ["Studio:Limits:MaxConcurrentRunsPerUser"] = "3",
        }));
        Assert.Contains("Studio:Limits:MaxConcurrentRunsPerUser must be between 1 and Studio:Limits:MaxConcurrentRuns", error.Message);
    }

    // The run's pump removes it from the active set just after its last event; wait on that state, not on a clock.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition()) await Task.Delay(10, patience.Token);
    }
}
