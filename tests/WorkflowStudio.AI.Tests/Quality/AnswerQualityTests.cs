using WorkflowStudio.AI.Offline;
using Xunit.Abstractions;

namespace WorkflowStudio.AI.Tests.Quality;

/// <summary>
/// The offline RAG pipeline measured on the hand-written quality sets; the targets are asserted on the test split.
/// Run with a detailed console logger to see the per-category tables (docs/quality.md).
/// </summary>
[Collection(QualityCollection.Name)]
public sealed class AnswerQualityTests(QualityFixture quality, ITestOutputHelper output)
{
    private IEnumerable<AnswerOutcome> Test => quality.Answers.Where(a => a.Question.Split == Split.Test);

    [Fact]
    public void The_sets_have_the_required_shape()
    {
        foreach (var set in quality.Sets)
        {
            Assert.True(set.Articles.Count >= 10, $"{set.Name}: {set.Articles.Count} articles");
            Assert.True(set.Questions.Count >= 80, $"{set.Name}: {set.Questions.Count} questions");
            double Share(string category) => set.Questions.Count(q => q.Category == category) / (double)set.Questions.Count;
            Assert.True(Share("two-article") >= 0.15 && Share("unanswerable") >= 0.15 && Share("near-miss") >= 0.10, set.Name);
        }
        Assert.True(quality.Sets.Sum(s => s.JudgeRows.Count) >= 150);
    }

    [Fact]
    public void Hybrid_retrieval_finds_the_articles_in_the_top_5() =>
        Assert.True(QualityReport.RecallAt5(Test) >= 0.95, Report());

    [Fact]
    public void Answers_contain_every_must_contain_fact() =>
        Assert.True(QualityReport.FactRate(Test) >= 0.90, Report());

    [Fact]
    public void It_abstains_on_unanswerable_questions_and_rarely_on_answerable_ones()
    {
        Assert.True(QualityReport.CorrectAbstention(Test) >= 0.85, Report());
        Assert.True(QualityReport.FalseAbstention(Test) <= 0.05, Report());
    }

    [Fact]
    public void Abstentions_say_plainly_that_the_knowledge_base_does_not_say()
    {
        var unanswerable = Test.Where(a => !a.Question.IsAnswerable && a.Abstained).ToList();
        Assert.NotEmpty(unanswerable);
        Assert.All(unanswerable, a => Assert.DoesNotContain("Sources:", a.Answer));
    }

    /// <summary>
    /// The abstention threshold is the one that, on the calibration split only, declines the most unanswerable
    /// questions while declining at most 5% of the answerable ones, and of those the fewest answerable ones; of the
    /// thresholds that do exactly as well, the middle one, furthest from both kinds of mistake.
    /// </summary>
    [Fact]
    public void The_abstention_threshold_is_the_calibration_split_optimum()
    {
        var calibration = quality.Answers.Where(a => a.Question.Split == Split.Calibration).ToList();
        var answerable = calibration.Where(a => a.Question.IsAnswerable).ToList();
        var unanswerable = calibration.Where(a => !a.Question.IsAnswerable).ToList();
        var sweep = Enumerable.Range(30, 51).Select(i => i / 100.0)
            .Select(t => (Threshold: t,
                Correct: unanswerable.Count(a => a.Strength < t) / (double)unanswerable.Count,
                False: answerable.Count(a => a.Strength < t) / (double)answerable.Count))
            .ToList();
        foreach (var (t, correct, wrong) in sweep) output.WriteLine($"threshold {t:0.00}: correct abstention {correct:0.000}, false abstention {wrong:0.000}");
        var allowed = sweep.Where(s => s.False <= 0.05).ToList();
        var mostCorrect = allowed.Where(s => s.Correct == allowed.Max(a => a.Correct)).ToList();
        var plateau = mostCorrect.Where(s => s.False == mostCorrect.Min(a => a.False)).Select(s => s.Threshold).ToList();

        Assert.Equal(EvidenceSelector.AnswerableAt, (plateau.Min() + plateau.Max()) / 2, 2);
    }

    private string Report() => QualityReport.SummaryTable(quality.Answers, quality.Judgements) + "\n" + QualityReport.AnswerTable(quality.Answers);

    [Fact]
    public void Report_the_tables()
    {
        var report = "## Summary\n\n" + QualityReport.SummaryTable(quality.Answers, quality.Judgements) +
                     "\n## Answers by category\n\n" + QualityReport.AnswerTable(quality.Answers) +
                     "\n## Judge by answer kind\n\n" + QualityReport.JudgeTable(quality.Judgements);
        output.WriteLine(report);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "quality-report.md"), report);
        foreach (var miss in quality.Answers.Where(a => !a.Passed))
            output.WriteLine($"{miss.Question.KnowledgeBase}/{miss.Question.Id} ({miss.Question.Split}, {miss.Strength:0.000}) {miss.Question.Question}\n  → {miss.Answer.Replace("\n", " ")}");
        foreach (var miss in quality.Judgements.Where(j => !j.Agrees))
            output.WriteLine($"judge {miss.Row.Question.KnowledgeBase}/{miss.Row.Q} {miss.Row.Kind} human {miss.Row.Verdict} judge {miss.Score}: {miss.Row.Answer}\n  → {miss.Reason}");
    }
}
