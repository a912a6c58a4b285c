using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Web.Tests.Security;

/// <summary>
/// The hostile API requests, hub handshakes and template runs of <see cref="HostileRequests"/> against the studio as
/// Program.cs builds it: each gets a safe answer, and the studio keeps answering with every workflow still opening.
/// </summary>
[Collection(CallersStudioCollection.Name)]
public sealed class HostileApiTests(CallersStudio studio)
{
    public static TheoryData<string> Requests => HostileRequests.Cases(withKey: true);

    [Theory]
    [MemberData(nameof(Requests))]
    public Task A_hostile_request_gets_a_safe_answer(string why) =>
        HostileRequests.AssertSafeAsync(studio.Hostile, HostileRequests.All.Single(c => c.Why == why));

    public static TheoryData<string> Runs => new(HostileRequests.HostileRuns.Select(r => r.Why));

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task A_template_that_once_took_gigabytes_fails_its_run_with_a_sentence(string why)
    {
        var (_, template, inputChars) = HostileRequests.HostileRuns.Single(r => r.Why == why);

        var last = await HostileRequests.RunAsync(studio.Hostile, "run-" + Array.FindIndex(HostileRequests.HostileRuns, r => r.Why == why), template, inputChars);

        var failed = Assert.IsType<RunFailed>(last);
        Assert.False(string.IsNullOrWhiteSpace(failed.Message));
        await HostileRequests.AssertEveryWorkflowOpensAsync(studio.Hostile);
    }
}
