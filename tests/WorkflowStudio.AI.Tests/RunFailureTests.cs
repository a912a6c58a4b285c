using System.Text.Json.Nodes;
using WorkflowStudio.AI.Models;
using WorkflowStudio.AI.Tests.Support;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.AI.Tests;

/// <summary>
/// What a provider's failures look like to a run: the support-triage template through Core's Runner,
/// the real gateway and the loopback server misbehaving on cue.
/// </summary>
public sealed class RunFailureTests : IAsyncLifetime
{
    private const string Ticket = "I was charged twice for my Acme Plus plan this month.";

    private readonly LoopbackServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    private static bool IsClassifier(JsonObject request) =>
        request["messages"]![0]!["content"]!.ToString().Contains("exactly one word", StringComparison.Ordinal);

    private async Task<IReadOnlyList<RunEvent>> RunTriageAsync(double timeoutSeconds = 5, int maxRetries = 2)
    {
        using var studio = new Studio(ProviderSettings.For(_server, timeoutSeconds, maxRetries));
        var workflow = Runs.Template("support-triage").UsingModel(ProviderSettings.Model);
        return await studio.RunAsync(workflow, new Dictionary<string, string> { ["ticket"] = Ticket });
    }

    private static NodeFailed AssertFailedAt(IReadOnlyList<RunEvent> events, string nodeId, string code)
    {
        var failed = Assert.Single(events.OfType<NodeFailed>());
        Assert.Equal(nodeId, failed.NodeId);
        Assert.Equal(code, failed.Code);
        Assert.IsType<RunFailed>(events[^1]);
        return failed;
    }

    [Fact]
    public async Task A_429_with_retry_after_is_retried_by_the_gateway_and_the_run_completes()
    {
        _server.Enqueue(new StatusReply(429, RetryAfter: "0"));
        _server.Responder = request => new TextReply(IsClassifier(request) ? "BILLING" : "We have refunded the second charge.");

        var events = await RunTriageAsync();

        var done = Assert.IsType<RunCompleted>(events[^1]);
        Assert.Equal("We have refunded the second charge.", done.Outputs["reply"]);
        // The gateway absorbed the 429: the runner saw one attempt and no retry of its own.
        Assert.Equal(1, events.Completed("classify").Attempts);
        Assert.DoesNotContain(events, e => e is NodeRetrying);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task A_provider_that_always_answers_500_fails_the_step_naming_the_model_and_the_status()
    {
        _server.Responder = _ => new StatusReply(500);

        var events = await RunTriageAsync();

        var failed = AssertFailedAt(events, "classify", "provider_error");
        Assert.Contains($"'{ProviderSettings.Model}'", failed.Message);
        Assert.Contains("HTTP 500", failed.Message);
        Assert.Contains("3 attempts", failed.Message);
        Assert.Equal(3, _server.Requests.Count);
        Assert.DoesNotContain(events, e => e is NodeStarted { NodeId: "billing" or "technical" });
    }

    [Fact]
    public async Task A_provider_that_hangs_past_the_timeout_fails_the_step_with_a_timeout_and_the_run_ends()
    {
        _server.Responder = _ => new HangReply();

        var events = await RunTriageAsync(timeoutSeconds: 0.5, maxRetries: 0);

        var failed = AssertFailedAt(events, "classify", "timeout");
        Assert.Contains($"'{ProviderSettings.Model}'", failed.Message);
        Assert.Contains("timed out", failed.Message);
    }

    [Fact]
    public async Task A_stream_cut_midway_fails_the_step_after_the_text_already_shown()
    {
        _server.Responder = request => IsClassifier(request) ? new TextReply("BILLING") : new CutStreamReply("We are sorry about the double charge on your plan.");

        var events = await RunTriageAsync();

        var failed = AssertFailedAt(events, "billing", ModelErrors.StreamInterrupted);
        Assert.Contains("cut midway", failed.Message);
        var billing = events.Where(e => e.NodeId == "billing").ToList();
        Assert.IsType<NodeStarted>(billing[0]);
        Assert.NotEmpty(billing[1..^1]);
        Assert.All(billing[1..^1], e => Assert.IsType<NodeDelta>(e));
        Assert.Same(failed, billing[^1]);
        // Text already shown cannot be taken back, so the broken stream is not sent again.
        Assert.Equal(2, _server.Requests.Count);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
