using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowStudio.AI.Configuration;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Models;
using WorkflowStudio.AI.Offline;
using WorkflowStudio.AI.Tests.Support;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tests;

/// <summary>The offline model streams at a readable pace only for work a person watches (the designer); everything else gets no pause.</summary>
public sealed class OfflinePaceTests(SharedStudio shared) : IClassFixture<SharedStudio>
{
    private static readonly ModelRequest Question = new("offline", [
        new ChatMessage(ChatRole.User, "Context:\nCharge the widget for two hours before first use.\n\nQuestion: How long do I charge the widget?"),
    ]);

    private OfflineModel Model(TimeProvider clock, int tokensPerSecond = 40) => new(
        shared.Studio.Get<Embedder>(), shared.Studio.Get<IToolRegistry>(), shared.Studio.Get<TokenCounter>(),
        new OfflineModelOptions { DesignerTokensPerSecond = tokensPerSecond }, clock);

    [Fact]
    public async Task Unwatched_work_streams_without_a_pause()
    {
        var clock = new RecordingClock();

        await Model(clock).CompleteAsync(Question, _ => { }, CancellationToken.None);

        Assert.Empty(clock.Waits);
    }

    [Fact]
    public async Task Watched_work_pauses_between_words_at_the_designer_pace_even_in_tasks_it_starts()
    {
        var clock = new RecordingClock();
        var model = Model(clock, tokensPerSecond: 40);
        var deltas = new List<string>();

        // Like the runner: the model is called from a task started after an await, not on the caller's own path.
        async IAsyncEnumerable<ModelResponse> Run()
        {
            await Task.Yield();
            yield return await Task.Run(async () => await model.CompleteAsync(Question, deltas.Add, CancellationToken.None));
        }

        var answer = await OfflinePace.Watched(Run()).SingleAsync();

        Assert.Equal(deltas.Count, clock.Waits.Count);
        Assert.True(deltas.Count > 3, answer.Text);
        Assert.All(clock.Waits, wait => Assert.Equal(TimeSpan.FromMilliseconds(25), wait));
    }

    [Fact]
    public async Task The_mark_ends_with_the_watched_work()
    {
        var clock = new RecordingClock();
        var model = Model(clock);
        async IAsyncEnumerable<int> Nothing() { await Task.Yield(); yield return 1; }

        await OfflinePace.Watched(Nothing()).ToListAsync();
        await model.CompleteAsync(Question, _ => { }, CancellationToken.None);

        Assert.Empty(clock.Waits);
    }

    [Fact]
    public async Task Zero_words_per_second_means_no_pause_and_a_negative_pace_is_refused_at_start()
    {
        var clock = new RecordingClock();
        await OfflinePace.Watched(Answer(Model(clock, tokensPerSecond: 0))).ToListAsync();
        Assert.Empty(clock.Waits);

        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Studio:Models:Offline:DesignerTokensPerSecond"] = "-1",
        }).Build();
        using var services = new ServiceCollection().AddWorkflowAI(settings, AppContext.BaseDirectory).BuildServiceProvider();
        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ModelOptions>>().Value);
        Assert.Contains("Studio:Models:Offline:DesignerTokensPerSecond must be between 0 (no pause) and 1000.", refused.Message);
    }

    private static async IAsyncEnumerable<ModelResponse> Answer(OfflineModel model)
    {
        yield return await model.CompleteAsync(Question, _ => { }, CancellationToken.None);
    }

    /// <summary>Records each pause asked for and lets it pass at once, so the test waits on nothing.</summary>
    private sealed class RecordingClock : TimeProvider
    {
        public ConcurrentQueue<TimeSpan> Waits { get; } = new();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Waits.Enqueue(dueTime);
            return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }
}
