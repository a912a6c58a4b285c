using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Evaluation.Scoring;
using WorkflowStudio.Evaluation.Scoring.Scorers;

namespace WorkflowStudio.Evaluation.Tests;

public class ScorerTests
{
    internal static async Task<(double? Value, bool Passed, string Reason)> Score(IScorer scorer, string output, string? expected = null, RunMeasuresContext? measures = null)
    {
        var contexts = new List<EvaluationContext>();
        if (expected is not null) contexts.Add(new ExpectedContext(expected));
        if (measures is not null) contexts.Add(measures);
        var result = await scorer.EvaluateAsync([new ChatMessage(ChatRole.User, "question: q")], new ChatResponse(new ChatMessage(ChatRole.Assistant, output)), null, contexts);
        var metric = result.Get<NumericMetric>(scorer.Name);
        Assert.NotNull(metric.Interpretation);
        return (metric.Value, !metric.Interpretation!.Failed, metric.Interpretation.Reason ?? "");
    }

    [Theory]
    [InlineData("Paris", "Paris", true)]
    [InlineData("  Paris\n", "Paris", true)]
    [InlineData("paris", "Paris", false)]
    [InlineData("", "Paris", false)]
    [InlineData("", "", true)]
    [InlineData("Zürich", "Zürich", true)]
    public async Task Exact(string output, string expected, bool passes)
    {
        var (value, passed, _) = await Score(new ExactScorer("exact"), output, expected);
        Assert.Equal(passes, passed);
        Assert.Equal(passes ? 1 : 0, value);
    }

    [Fact]
    public async Task Exact_without_an_expected_value_fails_with_a_reason_instead_of_throwing()
    {
        var (_, passed, reason) = await Score(new ExactScorer("exact"), "x");
        Assert.False(passed);
        Assert.Contains("needs an expected value", reason);
    }

    [Theory]
    [InlineData("The answer-7 (t7)", "answer-7", false, true)]
    [InlineData("The ANSWER-7", "answer-7", false, false)]
    [InlineData("The ANSWER-7", "answer-7", true, true)]
    [InlineData("straße und café", "CAFÉ", true, true)]
    [InlineData("", "answer", true, false)]
    public async Task Contains_and_icontains_the_expected_value(string output, string expected, bool ignoreCase, bool passes)
    {
        var (_, passed, _) = await Score(new ContainsScorer("c", ignoreCase: ignoreCase), output, expected);
        Assert.Equal(passes, passed);
    }

    [Fact]
    public async Task Contains_all_of_and_any_of_report_the_fraction_found_and_what_is_missing()
    {
        var all = await Score(new ContainsScorer("all", ["refund", "48 hours", "sorry"]), "We will refund you within 48 hours.");
        Assert.False(all.Passed);
        Assert.Equal(2 / 3.0, all.Value!.Value, 6);
        Assert.Contains("\"sorry\"", all.Reason);

        var any = await Score(new ContainsScorer("any", ["refund", "sorry"], Match.AnyOf), "We will refund you.");
        Assert.True(any.Passed);
        var none = await Score(new ContainsScorer("any", ["refund", "sorry"], Match.AnyOf), "Hello.");
        Assert.False(none.Passed);
    }

    [Theory]
    [InlineData("answer-12 (t3)", true)]
    [InlineData("The answer-12", false)]
    [InlineData("", false)]
    public async Task Regex(string output, bool passes) =>
        Assert.Equal(passes, (await Score(new RegexScorer("r", @"^answer-\d+"), output)).Passed);

    [Fact]
    public async Task A_catastrophic_regex_times_out_as_a_failure()
    {
        var scorer = new RegexScorer("r", @"^(a+)+$", TimeSpan.FromMilliseconds(5));
        var (_, passed, reason) = await Score(scorer, new string('a', 40) + "!");
        Assert.False(passed);
        Assert.Contains("took longer than", reason);
    }

    [Fact]
    public void A_bad_pattern_is_refused_when_the_scorer_is_built() =>
        Assert.Contains("not a valid regular expression", Assert.Throws<ArgumentException>(() => new RegexScorer("r", "(")).Message);

    [Theory]
    [InlineData("  Dear customer, thanks", "Dear customer", true)]
    [InlineData("Hello, dear customer", "Dear customer", false)]
    [InlineData("", "Dear", false)]
    public async Task Starts_with(string output, string expected, bool passes) =>
        Assert.Equal(passes, (await Score(new StartsWithScorer("s"), output, expected)).Passed);

    [Theory]
    [InlineData("""{"a": 1}""", true)]
    [InlineData("```json\n{\"a\": 1}\n```", true)]
    [InlineData("{a: 1}", false)]
    [InlineData("", false)]
    public async Task Json_valid(string output, bool passes) =>
        Assert.Equal(passes, (await Score(new JsonValidScorer("j"), output)).Passed);

    [Fact]
    public async Task Json_schema_names_the_problem()
    {
        var scorer = new JsonValidScorer("schema", """{"type":"object","properties":{"label":{"enum":["billing","bug"]}},"required":["label"]}""");
        Assert.True((await Score(scorer, """{"label":"bug"}""")).Passed);
        var (_, passed, reason) = await Score(scorer, """{"label":"other"}""");
        Assert.False(passed);
        Assert.Contains("/label", reason);
    }

    [Theory]
    [InlineData("$.order.items[1].sku", "B-2", true)]
    [InlineData("order.total", "42", true)]
    [InlineData("$.order.total", "42.0", true)]
    [InlineData("$['order']['note']", "naïve ☕", true)]
    [InlineData("$.order.items[5].sku", "B-2", false)]
    [InlineData("$.order.total", "41", false)]
    public async Task Json_path_equals(string path, string expected, bool passes)
    {
        const string output = """{"order":{"total":42,"note":"naïve ☕","items":[{"sku":"A-1"},{"sku":"B-2"}]}}""";
        Assert.Equal(passes, (await Score(new JsonPathEqualsScorer("p", path), output, expected)).Passed);
    }

    [Fact]
    public void A_bad_json_path_is_refused_with_its_place() =>
        Assert.Contains("character 2", Assert.Throws<ArgumentException>(() => new JsonPathEqualsScorer("p", "$.[x")).Message);

    [Theory]
    [InlineData("42", "42", 0, true)]
    [InlineData("The total is 41.5 EUR", "42", 0.5, true)]
    [InlineData("The total is 41.4 EUR", "42", 0.5, false)]
    [InlineData("no number", "42", 1, false)]
    [InlineData("-3e2", "-300", 0, true)]
    public async Task Numeric_within_tolerance(string output, string expected, double tolerance, bool passes) =>
        Assert.Equal(passes, (await Score(new NumericScorer("n", tolerance), output, expected)).Passed);

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("", "", 0)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("café", "cafe\u0301", 0)]
    [InlineData("👍🏽 ok", "👍 ok", 1)]
    public void Edit_distance_counts_what_people_see(string a, string b, int distance) =>
        Assert.Equal(distance, EditDistance.Between(a, b));

    [Fact]
    public async Task Levenshtein_and_normalised_similarity()
    {
        var (value, passed, _) = await Score(new LevenshteinScorer("l", 10), "answer-7 (t7)", "answer-7");
        Assert.Equal((5.0, true), (value, passed));
        Assert.False((await Score(new LevenshteinScorer("l", 2), "answer-7 (t7)", "answer-7")).Passed);

        var similar = await Score(new EditSimilarityScorer("s", 0.5), "kitten", "sitting");
        Assert.Equal(1 - 3 / 7.0, similar.Value!.Value, 6);
        Assert.True(similar.Passed);
        Assert.False((await Score(new EditSimilarityScorer("s", 0.8), "kitten", "sitting")).Passed);
        Assert.True((await Score(new EditSimilarityScorer("s", 1), "", "")).Passed);
    }

    [Fact]
    public async Task Budgets_on_latency_tokens_and_cost()
    {
        var measures = new RunMeasuresContext(TimeSpan.FromMilliseconds(250), 120, 0.004m);
        Assert.True((await Score(new RunBudgetScorer("lat", Budget.LatencyMs, 300), "", measures: measures)).Passed);
        Assert.False((await Score(new RunBudgetScorer("lat", Budget.LatencyMs, 200), "", measures: measures)).Passed);
        Assert.Equal(120, (await Score(new RunBudgetScorer("tok", Budget.Tokens, 100), "", measures: measures)).Value);
        Assert.False((await Score(new RunBudgetScorer("tok", Budget.Tokens, 100), "", measures: measures)).Passed);
        Assert.True((await Score(new RunBudgetScorer("cost", Budget.Cost, 0.005), "", measures: measures)).Passed);
        Assert.False((await Score(new RunBudgetScorer("cost", Budget.Cost, 0.001), "", measures: measures)).Passed);
    }

    [Fact]
    public async Task The_judge_runs_the_judge_step_on_the_configured_model()
    {
        var gateway = new ScriptedModelGateway(request => request.Messages[^1].Content.Contains("Paris")
            ? """{"score": 0.9, "reason": "Names the capital."}"""
            : """{"score": 0.2, "reason": "Wrong city."}""");
        var judge = new JudgeScorer("judge", gateway, "The answer names the capital of France.");
        var good = await Score(judge, "It is Paris.", "Paris");
        Assert.Equal((0.9, true, "Names the capital."), (good.Value, good.Passed, good.Reason));
        var bad = await Score(judge, "It is Lyon.");
        Assert.Equal((0.2, false), (bad.Value, bad.Passed));
        Assert.Equal(2, gateway.Calls);
    }

    [Fact]
    public async Task The_offline_judge_is_the_default_and_gives_a_verdict()
    {
        await using var services = Harness.Services(new ScriptedModelGateway());
        var factory = services.GetService<ScorerFactory>();
        var judge = factory.Create(new ScorerSpec(ScorerTypes.Judge) { Rubric = "Polite." });
        var (value, _, reason) = await Score(judge, "Thank you, happy to help.");
        Assert.Equal(1, value);
        Assert.Contains("Scripted judge", reason);
    }

    [Fact]
    public async Task Semantic_similarity_with_MiniLM()
    {
        using var embedder = new WorkflowStudio.AI.Embeddings.Embedder();
        var scorer = new SemanticSimilarityScorer("sem", embedder, 0.6);
        Assert.True((await Score(scorer, "The refund arrives within five days.", "You get your money back in 5 days.")).Passed);
        Assert.False((await Score(scorer, "Our office is closed on Sundays.", "You get your money back in 5 days.")).Passed);
        Assert.False((await Score(scorer, "", "You get your money back in 5 days.")).Passed);
    }

    [Fact]
    public async Task Unknown_types_and_missing_settings_are_refused_by_name()
    {
        await using var services = Harness.Services(new ScriptedModelGateway());
        var factory = services.GetService<ScorerFactory>();
        Assert.Contains("Unknown scorer type 'magic'", Assert.Throws<ArgumentException>(() => factory.Create(new ScorerSpec("magic"))).Message);
        Assert.Contains("Scorer 'regex' needs a pattern", Assert.Throws<ArgumentException>(() => factory.Create(new ScorerSpec("regex"))).Message);
        Assert.Contains("Scorer 'json-path'", Assert.Throws<ArgumentException>(() => factory.Create(new ScorerSpec("json-path") { Path = "$[" })).Message);
    }

    [Theory]
    [InlineData("regex:^answer-\\d+", "regex", null, null)]
    [InlineData("levenshtein:10", "levenshtein", 10.0, null)]
    [InlineData("contains-any:a|b", "contains-any", null, "a,b")]
    [InlineData("icontains", "icontains", null, null)]
    public void The_short_form_of_the_cli(string text, string type, double? threshold, string? values)
    {
        var spec = ScorerSpec.Parse(text);
        Assert.Equal(type, spec.Type);
        Assert.Equal(threshold, spec.Threshold);
        Assert.Equal(values, spec.Values is null ? null : string.Join(',', spec.Values));
        if (type == "regex") Assert.Equal(@"^answer-\d+", spec.Pattern);
    }
}
