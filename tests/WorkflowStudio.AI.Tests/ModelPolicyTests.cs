using WorkflowStudio.AI.Models;
using WorkflowStudio.AI.Tests.Support;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.AI.Tests;

/// <summary>
/// A run's <see cref="ModelPolicy"/> (a deployment tag's settings, an evaluation's cache) through Core's Runner, the real
/// gateway and the loopback server: retries, the per-attempt timeout, the fallback model, stream restarts and the cache.
/// </summary>
public sealed class ModelPolicyTests : IAsyncLifetime
{
    private readonly LoopbackServer _server = new();
    private Studio _studio = null!;

    // No retries and a timeout no test waits out: whatever recovers here, the policy did.
    public Task InitializeAsync()
    {
        _studio = new Studio(ProviderSettings.For(_server, timeoutSeconds: 600, maxRetries: 0));
        return Task.CompletedTask;
    }

    private static Workflow Answer(double temperature = 0.2) => new WorkflowBuilder("answer", "Answer")
        .Input("question")
        .Prompt("reply", p => p.Model(ProviderSettings.Model).System("Answer briefly.").User("{{question}}").Temperature(temperature))
        .Output("answer", "{{reply.text}}")
        .Edge("question", "reply").Edge("reply", "answer")
        .Build();

    private Task<IReadOnlyList<RunEvent>> RunAsync(ModelPolicy? policy, Workflow? workflow = null, string question = "Where is the reset button?") =>
        _studio.RunAsync(workflow ?? Answer(), new Dictionary<string, string> { ["question"] = question }, new RunOptions { ModelPolicy = policy });

    private static ModelPolicy Retrying(int retries) => new() { Retries = retries, RetryDelay = TimeSpan.FromMilliseconds(1) };

    [Fact]
    public async Task The_policy_retries_server_errors_that_the_configured_gateway_would_not()
    {
        _server.Enqueue(new StatusReply(500), new StatusReply(429, RetryAfter: "1", RetryAfterMs: 5), new TextReply("Under the base."));

        var events = await RunAsync(Retrying(2));

        var done = events.Completed("reply");
        Assert.Equal("Under the base.", done.Outputs["text"]);
        Assert.Equal(3, done.ModelAttempts);
        Assert.Equal(3, _server.ChatRequests);
        Assert.IsType<RunCompleted>(events[^1]);
    }

    [Fact]
    public async Task Without_a_policy_the_configured_retries_apply_and_the_run_fails_with_the_reason()
    {
        _server.Enqueue(new StatusReply(500), new TextReply("never reached"));

        var events = await RunAsync(policy: null);

        var failed = Assert.IsType<RunFailed>(events[^1]);
        Assert.Equal("provider_error", failed.Code);
        Assert.Contains("HTTP 500", failed.Message);
        Assert.Equal(1, _server.ChatRequests);
    }

    [Fact]
    public async Task The_fallback_model_answers_when_the_primary_fails_after_its_retries_and_the_trace_says_so()
    {
        _server.Responder = _ => new StatusReply(503);

        var events = await RunAsync(Retrying(1) with { FallbackModel = "offline" }, question: "Context: The reset button is under the base. Question: Where is the reset button?");

        var done = events.Completed("reply");
        Assert.Equal("offline", done.Model);
        Assert.Equal(ProviderSettings.Model, done.FallbackFrom);
        Assert.Equal(3, done.ModelAttempts);
        Assert.Equal(2, _server.ChatRequests);
        Assert.Contains("under the base", done.Outputs["text"]?.ToString());
    }

    [Fact]
    public async Task A_fallback_that_fails_too_fails_the_run_naming_both_failures()
    {
        using var studio = new Studio(ProviderSettings.For(_server, timeoutSeconds: 600, maxRetries: 0));
        _server.Responder = _ => new StatusReply(500);

        var events = await studio.RunAsync(Answer(), new Dictionary<string, string> { ["question"] = "hi" },
            new RunOptions { ModelPolicy = Retrying(0) with { FallbackModel = "no-such-model" } });

        var failed = Assert.IsType<RunFailed>(events[^1]);
        Assert.Contains("HTTP 500", failed.Message);
        Assert.Contains("no-such-model", failed.Message);
    }

    [Fact]
    public async Task The_per_attempt_timeout_ends_a_hung_request_and_the_retry_answers()
    {
        _server.Enqueue(new HangReply(), new TextReply("Answered after the hang."));

        var events = await RunAsync(Retrying(1) with { AttemptTimeout = TimeSpan.FromSeconds(2) });
        Assert.True(events[^1] is RunCompleted, events[^1].ToString());

        var done = events.Completed("reply");
        Assert.Equal("Answered after the hang.", done.Outputs["text"]);
        Assert.Equal(2, done.ModelAttempts);
    }

    [Fact]
    public async Task A_stream_cut_midway_restarts_the_step_and_the_event_stream_says_the_text_starts_over()
    {
        _server.Enqueue(new CutStreamReply("This first answer is cut off before it ends"), new TextReply("The whole second answer."));

        var events = await RunAsync(Retrying(2));

        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        var reply = events.Where(e => e.NodeId == "reply").ToList();
        var restart = reply.FindIndex(e => e is NodeRetrying);
        Assert.True(restart > 1, "some text streamed before the cut");
        Assert.Contains("cut midway", ((NodeRetrying)reply[restart]).Reason);
        var after = string.Concat(reply.Skip(restart).OfType<NodeDelta>().Select(d => d.Text));
        Assert.Equal("The whole second answer.", after);
        Assert.Equal(after, events.Completed("reply").Outputs["text"]);
        Assert.Equal(2, _server.ChatRequests);
    }

    [Fact]
    public async Task A_cache_hit_skips_the_provider_costs_nothing_and_is_marked_on_the_step()
    {
        _server.Responder = _ => new TextReply("Under the base.", PromptTokens: 30, CompletionTokens: 4);
        var cached = new ModelPolicy { UseCache = true };

        var first = await RunAsync(cached);
        var second = await RunAsync(cached);

        Assert.Equal(1, _server.ChatRequests);
        Assert.False(first.Completed("reply").CacheHit);
        Assert.True(first.Completed("reply").Cost > 0);
        var hit = second.Completed("reply");
        Assert.True(hit.CacheHit);
        Assert.Equal(0m, hit.Cost);
        Assert.Equal(0, hit.ModelAttempts);
        Assert.Equal("Under the base.", hit.Outputs["text"]);
        Assert.Equal("Under the base.", string.Concat(second.Deltas("reply")));
    }

    [Fact]
    public async Task A_changed_temperature_or_question_misses_the_cache_and_runs_without_a_policy_never_use_it()
    {
        _server.Responder = _ => new TextReply("An answer.");
        var cached = new ModelPolicy { UseCache = true };

        await RunAsync(cached);
        await RunAsync(cached, Answer(temperature: 0.9));
        await RunAsync(cached, question: "Where is the power switch?");
        await RunAsync(policy: null);
        await RunAsync(new ModelPolicy { UseCache = true, CacheVariant = 2 });

        Assert.Equal(5, _server.ChatRequests);
    }

    [Fact]
    public void The_cache_key_is_stable_for_the_same_request_and_changes_with_anything_that_shapes_the_answer()
    {
        ModelRequest Ask(string text = "Where?", double temperature = 0.2) =>
            new("m", [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, text)]) { Temperature = temperature };
        var key = ResponseCache.Key(Ask(), 0);

        Assert.Equal(key, ResponseCache.Key(Ask(), 0));
        Assert.Equal(key, ResponseCache.Key(Ask() with { Stream = false }, 0));
        Assert.NotEqual(key, ResponseCache.Key(Ask(temperature: 0.3), 0));
        Assert.NotEqual(key, ResponseCache.Key(Ask("Where? "), 0));
        Assert.NotEqual(key, ResponseCache.Key(Ask() with { Model = "n" }, 0));
        Assert.NotEqual(key, ResponseCache.Key(Ask() with { MaxTokens = 10 }, 0));
        Assert.NotEqual(key, ResponseCache.Key(Ask() with { Tools = [new ToolDescriptor("calculator", "adds", "{}")] }, 0));
        Assert.NotEqual(key, ResponseCache.Key(Ask(), 1));
        Assert.DoesNotContain("Where", key);
    }

    public async Task DisposeAsync()
    {
        _studio.Dispose();
        await _server.DisposeAsync();
    }
}
