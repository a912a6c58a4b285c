using Microsoft.Extensions.Logging;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.Web.Tests.Runs;

public class RunEventLogTests
{
    [Fact]
    public void A_model_call_is_one_structured_entry_with_its_figures()
    {
        var logger = new ListLogger();
        RunEventLog.Write(logger, new NodeCompleted(new Dictionary<string, object?> { ["text"] = "secret answer" }, "out")
        {
            NodeId = "writer", Iteration = 2, Model = "gpt-4o-mini", Latency = TimeSpan.FromMilliseconds(1234),
            InputTokens = 100, OutputTokens = 50, Cost = 0.0001m, CacheHit = true,
        });

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal("writer", entry.Values["NodeId"]);
        Assert.Equal("gpt-4o-mini", entry.Values["Model"]);
        Assert.Equal(100, entry.Values["InputTokens"]);
        Assert.Equal(0.0001m, entry.Values["Cost"]);
        Assert.Equal(true, entry.Values["CacheHit"]);
        Assert.DoesNotContain("secret answer", entry.Message);
    }

    [Fact]
    public void Failures_are_logged_and_steps_without_a_model_are_not()
    {
        var logger = new ListLogger();
        RunEventLog.Write(logger, new NodeCompleted(new Dictionary<string, object?>(), "out") { NodeId = "question" });
        RunEventLog.Write(logger, new NodeFailed("rate_limited", "The provider said 429.") { NodeId = "writer", Iteration = 1 });

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("rate_limited", entry.Values["ErrorCode"]);
    }

    private sealed record Entry(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values);

    private sealed class ListLogger : ILogger
    {
        public List<Entry> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add(new Entry(logLevel, formatter(state, exception),
                (state as IEnumerable<KeyValuePair<string, object?>>)?.ToDictionary(kv => kv.Key, kv => kv.Value) ?? []));
    }
}
