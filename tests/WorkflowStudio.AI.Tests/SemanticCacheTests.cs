using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Models;
using WorkflowStudio.AI.Tests.Support;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;

namespace WorkflowStudio.AI.Tests;

/// <summary>
/// The semantic cache of a prompt step that opts in, through Core's Runner, the real gateway with MiniLM and the
/// loopback server: a close paraphrase is answered from the cache, anything else asks the model.
/// </summary>
public sealed class SemanticCacheTests : IAsyncLifetime
{
    private const string Reset = "How do I reset my password?";
    private const string ResetParaphrase = "How can I reset my password?";

    private static readonly ModelPolicy Cached = new() { UseCache = true };

    private readonly LoopbackServer _server = new();
    private readonly ConcurrentQueue<ModelCallObservation> _calls = new();
    private Studio _studio = null!;

    private sealed class CallLog(ConcurrentQueue<ModelCallObservation> calls) : IModelCallObserver
    {
        public void Observe(ModelCallObservation call) => calls.Enqueue(call);
    }

    public Task InitializeAsync()
    {
        // Each answer names the question it was written for, so a reused one is recognisable.
        _server.Responder = request => new TextReply("Answer to: " + request["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>());
        _studio = new Studio(ProviderSettings.For(_server, timeoutSeconds: 600, maxRetries: 0),
            services => services.AddSingleton<IModelCallObserver>(new CallLog(_calls)));
        return Task.CompletedTask;
    }

    private static Workflow Answer(string id = "answer", bool semantic = true, double? threshold = null, double temperature = 0.2, string step = "reply") =>
        new WorkflowBuilder(id, "Answer")
            .Input("question")
            .Prompt(step, p =>
            {
                p = p.Model(ProviderSettings.Model).System("Answer briefly.").User("{{question}}").Temperature(temperature).SemanticCache(semantic);
                return threshold is { } t ? p.SemanticCacheThreshold(t) : p;
            })
            .Output("answer", $"{{{{{step}.text}}}}")
            .Edge("question", step).Edge(step, "answer")
            .Build();

    private async Task<NodeCompleted> AskAsync(string question, Workflow? workflow = null, ModelPolicy? policy = null)
    {
        var events = await _studio.RunAsync(workflow ?? Answer(), new Dictionary<string, string> { ["question"] = question }, new RunOptions { ModelPolicy = policy ?? Cached });
        Assert.True(events[^1] is RunCompleted, events[^1].ToString());
        return events.OfType<NodeCompleted>().Single(e => e.Model is not null);
    }

    [Fact]
    public async Task A_paraphrase_is_answered_from_the_semantic_cache_as_a_free_cache_hit()
    {
        var first = await AskAsync(Reset);
        var second = await AskAsync(ResetParaphrase);

        Assert.Equal(1, _server.ChatRequests);
        Assert.False(first.CacheHit);
        Assert.True(second.CacheHit);
        Assert.True(second.SemanticCacheHit);
        Assert.False(first.SemanticCacheHit);
        Assert.Equal(0m, second.Cost);
        Assert.Equal(0, second.ModelAttempts);
        Assert.Equal("Answer to: " + Reset, second.Outputs["text"]);
        var recorded = _calls.Last();
        Assert.True(recorded.CacheHit);
        Assert.True(recorded.SemanticCacheHit);
    }

    [Fact]
    public async Task A_miss_reads_its_exact_answer_from_the_second_level_once()
    {
        var secondLevel = new DictionaryDistributedCache();
        using var studio = new Studio(ProviderSettings.For(_server, timeoutSeconds: 600, maxRetries: 0),
            services => services.AddSingleton<IDistributedCache>(secondLevel));

        var events = await studio.RunAsync(Answer(), new Dictionary<string, string> { ["question"] = Reset }, new RunOptions { ModelPolicy = Cached });

        Assert.False(events.OfType<NodeCompleted>().Single(e => e.Model is not null).CacheHit);
        Assert.Single(secondLevel.Reads, key => key.StartsWith("answer:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_question_again_is_an_exact_hit_first()
    {
        await AskAsync(Reset);
        var again = await AskAsync(Reset);

        Assert.Equal(1, _server.ChatRequests);
        Assert.True(again.CacheHit);
        Assert.False(again.SemanticCacheHit);
        Assert.False(_calls.Last().SemanticCacheHit);
    }

    [Fact]
    public async Task An_unrelated_question_or_another_order_number_asks_the_model()
    {
        await AskAsync(Reset);
        var unrelated = await AskAsync("How do I change my username?");
        await AskAsync("I want a refund for order 1234.");
        var otherOrder = await AskAsync("I want a refund for order 5678.");

        Assert.Equal(4, _server.ChatRequests);
        Assert.False(unrelated.CacheHit);
        Assert.Equal("Answer to: I want a refund for order 5678.", otherOrder.Outputs["text"]);
    }

    [Fact]
    public async Task The_step_threshold_decides_how_close_is_close_enough()
    {
        // MiniLM cosines (QualitySets/semantic-cache): the discount pair 0.92, the delete pair 0.90; both below the
        // default 0.95 and above 0.85. Each pair has its own questions: the exact cache is not per workflow.
        await AskAsync("Is there a student discount?", Answer("strict"));
        var strict = await AskAsync("Do you offer a student discount?", Answer("strict"));
        await AskAsync("How do I delete my account?", Answer("loose", threshold: 0.85));
        var loose = await AskAsync("How can I delete my account permanently?", Answer("loose", threshold: 0.85));

        Assert.False(strict.CacheHit);
        Assert.True(loose.CacheHit);
        Assert.Equal(3, _server.ChatRequests);
    }

    [Fact]
    public async Task A_step_that_does_not_opt_in_reuses_only_identical_requests()
    {
        var off = Answer(semantic: false);
        await AskAsync(Reset, off);
        var paraphrase = await AskAsync(ResetParaphrase, off);

        Assert.False(paraphrase.CacheHit);
        Assert.Equal(2, _server.ChatRequests);
    }

    [Fact]
    public async Task Another_workflow_step_or_temperature_never_shares_an_answer()
    {
        await AskAsync(Reset);
        await AskAsync(ResetParaphrase, Answer(id: "other-workflow"));
        // Not the paraphrase again: that would be an exact hit, and the exact cache is not per step.
        await AskAsync("how do I reset my password", Answer(step: "other_step"));
        await AskAsync(ResetParaphrase, Answer(temperature: 0.9));

        Assert.Equal(4, _server.ChatRequests);
    }

    [Fact]
    public void The_partition_changes_with_the_model_schema_system_prompt_earlier_turns_and_repeat()
    {
        var cache = _studio.Get<SemanticCache>();
        var scope = new ModelCallScope("w", 1, null, "run", "reply", 1);
        ModelRequest Ask(string system = "Be brief.", string model = "m") => new(model, [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, Reset)]);
        string Partition(ModelRequest request, int variant = 0) => cache.Probe(request, scope, variant, default)!.Partition;
        var partition = Partition(Ask());

        Assert.Equal(partition, Partition(Ask() with { Stream = false }));
        Assert.Equal(partition, Partition(Ask() with { Messages = [Ask().Messages[0], new ChatMessage(ChatRole.User, ResetParaphrase)] }));
        Assert.NotEqual(partition, Partition(Ask(model: "n")));
        Assert.NotEqual(partition, Partition(Ask() with { JsonSchema = """{"type":"object"}""" }));
        Assert.NotEqual(partition, Partition(Ask(system: "Be thorough.")));
        Assert.NotEqual(partition, Partition(Ask() with { Messages = [Ask().Messages[0], new ChatMessage(ChatRole.User, "Hi"), new ChatMessage(ChatRole.Assistant, "Hello"), Ask().Messages[1]] }));
        Assert.NotEqual(partition, Partition(Ask(), variant: 1));
        Assert.Null(cache.Probe(Ask() with { Messages = [new ChatMessage(ChatRole.System, "Only a system prompt.")] }, scope, 0, default));
    }

    [Fact]
    public async Task Runs_without_the_cache_never_use_the_semantic_cache()
    {
        await AskAsync(Reset);
        // A designer run (no policy) and a tag or evaluation with the cache switched off.
        var designer = await _studio.RunAsync(Answer(), new Dictionary<string, string> { ["question"] = ResetParaphrase });
        var switchedOff = await AskAsync(ResetParaphrase, policy: new ModelPolicy { UseCache = false });

        Assert.False(designer.OfType<NodeCompleted>().Single(e => e.Model is not null).CacheHit);
        Assert.False(switchedOff.CacheHit);
        Assert.Equal(3, _server.ChatRequests);
    }

    [Fact]
    public async Task A_failed_or_cut_answer_is_never_stored()
    {
        _server.Enqueue(new StatusReply(500), new CutStreamReply("This answer is cut off before"));
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var failed = await _studio.RunAsync(Answer(), new Dictionary<string, string> { ["question"] = Reset }, new RunOptions { ModelPolicy = Cached });
            Assert.IsType<RunFailed>(failed[^1]);
        }

        var answered = await AskAsync(ResetParaphrase);

        Assert.False(answered.CacheHit);
        Assert.Equal("Answer to: " + ResetParaphrase, answered.Outputs["text"]);
        Assert.Equal(3, _server.ChatRequests);
    }

    // Unit vectors along distinct axes: each is found only by itself.
    private static SemanticProbe AxisProbe(int axis, string partition = "semantic:capacity-test")
    {
        var vector = new float[Embedder.Dimensions];
        vector[axis] = 1;
        return new SemanticProbe(partition, vector, "facts");
    }

    [Fact]
    public async Task A_partition_read_back_from_the_second_level_after_a_restart_still_answers()
    {
        // The studio's second level is the SQLite table; any IDistributedCache makes the entries go through serialization.
        var shared = new DictionaryDistributedCache();
        SemanticCache Restarted() => new(new ServiceCollection().AddSingleton<IDistributedCache>(shared).AddHybridCache().Services
            .BuildServiceProvider().GetRequiredService<HybridCache>(), _studio.Get<Embedder>(), TimeSpan.FromHours(1));
        await Restarted().AddAsync(AxisProbe(3, "semantic:restart"), "answer-3", default);

        var found = await Restarted().FindAsync(AxisProbe(3, "semantic:restart"), 0.99, default);

        Assert.Equal("answer-3", found?.AnswerKey);
        Assert.Equal(1, found?.Similarity ?? 0, 5);
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task An_entry_older_than_the_cache_lifetime_no_longer_answers()
    {
        var clock = new Clock();
        var cache = new SemanticCache(_studio.Get<HybridCache>(), _studio.Get<Embedder>(), TimeSpan.FromHours(1), clock);
        await cache.AddAsync(AxisProbe(5, "semantic:lifetime"), "answer-5", default);

        clock.Now += TimeSpan.FromMinutes(59);
        Assert.NotNull(await cache.FindAsync(AxisProbe(5, "semantic:lifetime"), 0.99, default));
        clock.Now += TimeSpan.FromMinutes(2);
        Assert.Null(await cache.FindAsync(AxisProbe(5, "semantic:lifetime"), 0.99, default));
    }

    [Fact]
    public async Task A_partition_keeps_its_most_recent_entries_only()
    {
        var cache = _studio.Get<SemanticCache>();
        SemanticProbe Probe(int axis) => AxisProbe(axis);
        for (var i = 0; i <= SemanticCache.Capacity; i++) await cache.AddAsync(Probe(i), $"answer-{i}", default);

        Assert.Null(await cache.FindAsync(Probe(0), 0.99, default));
        Assert.Equal("answer-1", (await cache.FindAsync(Probe(1), 0.99, default))?.AnswerKey);
        Assert.Equal($"answer-{SemanticCache.Capacity}", (await cache.FindAsync(Probe(SemanticCache.Capacity), 0.99, default))?.AnswerKey);
    }

    [Fact]
    public async Task A_partition_answers_from_its_newest_entries_however_many_came_before()
    {
        var cache = _studio.Get<SemanticCache>();
        var added = SemanticCache.Capacity + 2 * SemanticCache.SegmentSize + 5;
        for (var i = 0; i < added; i++) await cache.AddAsync(AxisProbe(i), $"answer-{i}", default);

        var oldestKept = added - SemanticCache.Capacity;
        Assert.Null(await cache.FindAsync(AxisProbe(oldestKept - 1), 0.99, default));
        Assert.Equal($"answer-{oldestKept}", (await cache.FindAsync(AxisProbe(oldestKept), 0.99, default))?.AnswerKey);
        Assert.Equal($"answer-{added - 1}", (await cache.FindAsync(AxisProbe(added - 1), 0.99, default))?.AnswerKey);
    }

    [Fact]
    public async Task Storing_an_entry_in_a_full_partition_writes_its_newest_segment_not_every_entry()
    {
        var secondLevel = new DictionaryDistributedCache();
        var cache = new SemanticCache(new ServiceCollection().AddSingleton<IDistributedCache>(secondLevel).AddHybridCache().Services
            .BuildServiceProvider().GetRequiredService<HybridCache>(), _studio.Get<Embedder>(), TimeSpan.FromHours(1));
        for (var i = 0; i < SemanticCache.Capacity; i++) await cache.AddAsync(AxisProbe(i, "semantic:full"), $"answer-{i}", default);
        var entry = new SemanticEntry(new byte[Embedder.Dimensions * sizeof(float)], SemanticCache.FactsOf("x"), "answer-0", 0);
        var wholeList = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new SemanticEntries(Enumerable.Repeat(entry, SemanticCache.Capacity).ToList())).Length;
        secondLevel.Writes.Clear();

        await cache.AddAsync(AxisProbe(SemanticCache.Capacity, "semantic:full"), "answer-new", default);

        Assert.InRange(secondLevel.Writes.Sum(w => w.Bytes), 1, wholeList / 4);
        Assert.Equal("answer-new", (await cache.FindAsync(AxisProbe(SemanticCache.Capacity, "semantic:full"), 0.99, default))?.AnswerKey);
    }

    public async Task DisposeAsync()
    {
        _studio.Dispose();
        await _server.DisposeAsync();
    }
}
