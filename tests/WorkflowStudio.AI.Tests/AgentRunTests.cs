using WorkflowStudio.AI.Tests.Support;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.AI.Tests;

/// <summary>Agent steps through Core's Runner: the offline model's tool use, and a provider's function-calling loop bounded by the step's rounds.</summary>
public sealed class AgentRunTests : IClassFixture<ProviderStudio>
{
    private readonly LoopbackServer _server;
    private readonly Studio _studio;

    public AgentRunTests(ProviderStudio shared)
    {
        _server = shared.Server;
        _server.Reset();
        _studio = shared.Studio;
    }

    private static Workflow Solver(string model, int maxRounds) => new WorkflowBuilder("solver")
        .Input("question")
        .Agent("agent", a => a.Model(model).Task("{{question}}").Tools("calculator").MaxRounds(maxRounds))
        .Output("answer", "{{agent.text}}")
        .Edge("question", "agent")
        .Edge("agent", "answer")
        .Build();

    private static List<Dictionary<string, object?>> ToolCalls(NodeCompleted completed) =>
        [.. Assert.IsAssignableFrom<IEnumerable<Dictionary<string, object?>>>(completed.Outputs["toolCalls"])];

    [Fact]
    public async Task An_offline_agent_calls_the_calculator_and_the_trace_shows_the_call()
    {
        var events = await _studio.RunAsync(Solver("offline", maxRounds: 3), new Dictionary<string, string> { ["question"] = "What is 17 * 23?" });

        var done = Assert.IsType<RunCompleted>(events[^1]);
        Assert.Equal("[calculator] 391", done.Outputs["answer"]);
        var call = Assert.Single(ToolCalls(events.Completed("agent")));
        Assert.Equal("calculator", call["tool"]);
        Assert.Equal("17 * 23", Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(call["arguments"])["expression"]);
        Assert.Equal("391", call["result"]);
        Assert.True(events.Deltas("agent").Count > 1);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_provider_agent_stops_at_the_steps_max_rounds_and_the_trace_lists_every_call()
    {
        var round = 0;
        _server.Responder = request => request["tool_choice"]?.ToString() == "none"
            ? new TextReply("17 times 23 is 391.")
            : new ToolCallReply("calculator", $$"""{"expression":"17 * 23 + {{Interlocked.Increment(ref round) - 1}}"}""");

        var events = await _studio.RunAsync(Solver(ProviderSettings.Model, maxRounds: 2), new Dictionary<string, string> { ["question"] = "What is 17 * 23?" });

        var done = Assert.IsType<RunCompleted>(events[^1]);
        Assert.Equal("17 times 23 is 391.", done.Outputs["answer"]);
        var agent = events.Completed("agent");
        Assert.Equal(["391", "392"], ToolCalls(agent).Select(c => c["result"]));
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(ProviderSettings.Model, agent.Model);
        Assert.True(agent.InputTokens > 0);
    }
}
