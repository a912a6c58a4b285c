using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Offline;
using WorkflowStudio.Evaluation.Scoring;
using WorkflowStudio.Evaluation.Scoring.Scorers;
using Xunit.Abstractions;

namespace WorkflowStudio.Evaluation.Tests;

/// <summary>One embedder for the RAG scorer tests: loading MiniLM is the slow part.</summary>
public sealed class EmbedderFixture : IDisposable
{
    public Embedder Embedder { get; } = new();
    public void Dispose() => Embedder.Dispose();
}

/// <summary>
/// The offline RAG scorers against a hand-labelled set (QualitySets/rag-scorers.json): per scorer and category, how
/// often the scorer's pass/fail agrees with the label. The table and every miss are printed for docs/quality.md.
/// </summary>
public sealed class RagScorerQualityTests(EmbedderFixture fixture, ITestOutputHelper log) : IClassFixture<EmbedderFixture>
{
    private sealed record Row(string Scorer, string Category, string[]? Passages, string? Question, string? Answer, string? Expected, bool Pass);

    private sealed record Set(Dictionary<string, string> Passages, Row[] Rows);

    private IScorer Create(string type) => type switch
    {
        ScorerTypes.Faithfulness => new FaithfulnessScorer(type, new ClaimChecker(fixture.Embedder)),
        ScorerTypes.ContextRecall => new ContextRecallScorer(type, new ClaimChecker(fixture.Embedder)),
        _ => new AnswerRelevanceScorer(type, fixture.Embedder),
    };

    private static async Task<(bool Passed, double? Value, string Reason)> ScoreAsync(IScorer scorer, string question, string answer, string? expected, string? passages)
    {
        var contexts = new List<EvaluationContext>();
        if (expected is not null) contexts.Add(new ExpectedContext(expected));
        if (passages is not null) contexts.Add(new RetrievedContext(passages));
        var result = await scorer.EvaluateAsync([new ChatMessage(ChatRole.User, "question: " + question)],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)), null, contexts);
        var metric = result.Get<NumericMetric>(scorer.Name);
        return (!metric.Interpretation!.Failed, metric.Value, metric.Interpretation.Reason ?? "");
    }

    [Fact]
    public async Task The_rag_scorers_agree_with_the_labels_on_at_least_four_rows_in_five_per_scorer()
    {
        var set = JsonSerializer.Deserialize<Set>(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "QualitySets", "rag-scorers.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var outcomes = new List<(Row Row, bool Agrees, double? Value, string Reason)>();
        foreach (var row in set.Rows)
        {
            var passages = row.Passages is null ? null : string.Join("\n\n", row.Passages.Select(p => set.Passages[p]));
            var (passed, value, reason) = await ScoreAsync(Create(row.Scorer), row.Question ?? "", row.Answer ?? "", row.Expected, passages);
            outcomes.Add((row, passed == row.Pass, value, reason));
        }

        var report = new StringBuilder("| Scorer | Category | Rows | Agree |\n|---|---|---|---|\n");
        foreach (var group in outcomes.GroupBy(o => (o.Row.Scorer, o.Row.Category)))
            report.Append(CultureInfo.InvariantCulture, $"| {group.Key.Scorer} | {group.Key.Category} | {group.Count()} | {group.Count(o => o.Agrees)} |\n");
        report.Append("\nMisses:\n");
        foreach (var miss in outcomes.Where(o => !o.Agrees))
            report.Append(CultureInfo.InvariantCulture, $"- {miss.Row.Scorer} / {miss.Row.Category}: labelled {(miss.Row.Pass ? "pass" : "fail")}, scored {miss.Value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-"} ({miss.Reason}) — {miss.Row.Answer ?? miss.Row.Expected}\n");
        log.WriteLine(report.ToString());

        foreach (var scorer in outcomes.GroupBy(o => o.Row.Scorer))
            Assert.True(scorer.Count(o => o.Agrees) >= 0.8 * scorer.Count(), $"{scorer.Key}: {scorer.Count(o => o.Agrees)} of {scorer.Count()} agree.\n{report}");
    }

    [Fact]
    public async Task A_rag_scorer_without_passages_fails_the_case_with_the_reason()
    {
        var (passed, _, reason) = await ScoreAsync(Create(ScorerTypes.Faithfulness), "q", "The Plus plan costs $9.99.", null, null);

        Assert.False(passed);
        Assert.Contains("retrieved passages", reason);
    }
}

/// <summary>The RAG scorers inside an evaluation: they read the passages of the workflow's retrieval step.</summary>
public sealed class RagEvaluationTests : IAsyncLifetime
{
    private static readonly Dictionary<string, IReadOnlyList<(string, string)>> Help = new()
    {
        ["help"] = [("refunds.md", "Annual plans can be refunded within 30 days of purchase."), ("plans.md", "The Plus plan costs $9.99 a month.")],
    };

    private readonly Harness _h = Harness.Services(new Core.InProcess.ScriptedModelGateway(), new Core.InProcess.InMemoryRetriever(Help));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Context_recall_reads_the_retrieval_steps_passages_and_a_workflow_without_one_is_refused()
    {
        var rag = new Core.Building.WorkflowBuilder("rag", "RAG").Input("question")
            .Retrieval("search", r => r.KnowledgeBase("help").Query("{{question}}").TopK(1))
            .Prompt("answer", p => p.User("Context: {{search.text}}\nQuestion: {{question}}").Stream(false))
            .Output("result", "{{answer.text}}")
            .Edge("question", "search").Edge("search", "answer").Edge("question", "answer").Edge("answer", "result").Build();
        var version = await _h.SaveAsync(rag);
        await _h.DatasetAsync("qs", [Harness.Case("refund", "refund annual plans", "30 days"), Harness.Case("price", "Plus plan price", "30 days")]);
        var spec = new Running.EvaluationSpec { Scorers = [ScorerSpec.Parse("context-recall")] };

        var evaluation = await _h.Evaluations.CreateAsync(new Running.EvaluationRequest("rag", version, "qs", 1, spec, "ada"));
        await _h.Evaluations.RunAsync(evaluation.Id);

        var results = await _h.Evaluations.ReadResultsAsync(evaluation.Id).ToListAsync();
        Assert.Equal([true, false], results.Select(r => r.Passed));
        Assert.Contains("missing “30 days”", results[1].Scores[0].Reason);

        await _h.SaveAsync(Harness.QuestionAnswer());
        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            _h.Evaluations.CreateAsync(new Running.EvaluationRequest("qa", 1, "qs", 1, spec with { Scorers = [ScorerSpec.Parse("faithfulness")] }, "ada")));
        Assert.Contains("no retrieval step", refused.Message);
    }
}
