using System.Globalization;
using System.Text;

namespace WorkflowStudio.AI.Tests.Quality;

/// <summary>The figures the quality targets are stated in, and the per-category tables docs/quality.md shows.</summary>
public static class QualityReport
{
    public static readonly string[] Categories = ["direct", "two-article", "near-miss", "unanswerable"];

    public static double RecallAt5(IEnumerable<AnswerOutcome> answers) => Mean(answers.Where(a => a.Question.IsAnswerable).Select(a => a.Recall));

    public static double FactRate(IEnumerable<AnswerOutcome> answers) => Rate(answers.Where(a => a.Question.IsAnswerable), a => a.Passed);

    public static double CorrectAbstention(IEnumerable<AnswerOutcome> answers) => Rate(answers.Where(a => !a.Question.IsAnswerable), a => a.Abstained);

    public static double FalseAbstention(IEnumerable<AnswerOutcome> answers) => Rate(answers.Where(a => a.Question.IsAnswerable), a => a.Abstained);

    public static double Agreement(IEnumerable<JudgeOutcome> judgements) => Rate(judgements, j => j.Agrees);

    /// <summary>Cohen's κ between the judge's and the human pass/fail verdicts: agreement beyond what chance would give.</summary>
    public static double Kappa(IReadOnlyCollection<JudgeOutcome> judgements)
    {
        var observed = Agreement(judgements);
        var judge = Rate(judgements, j => j.JudgePasses);
        var human = Rate(judgements, j => j.Row.HumanPasses);
        var chance = judge * human + (1 - judge) * (1 - human);
        return chance >= 1 ? 1 : (observed - chance) / (1 - chance);
    }

    public static string AnswerTable(IReadOnlyList<AnswerOutcome> answers)
    {
        var table = new StringBuilder("| Category | Split | Questions | Recall@5 | Right answers | Abstained | Misses |\n|---|---|---|---|---|---|---|\n");
        foreach (var category in Categories)
        {
            foreach (var split in Enum.GetValues<Split>())
            {
                var rows = answers.Where(a => a.Question.Category == category && a.Question.Split == split).ToList();
                var misses = rows.Where(a => !a.Passed).Select(a => $"{a.Question.KnowledgeBase}/{a.Question.Id}");
                var recall = category == "unanswerable" ? "–" : Percent(RecallAt5(rows));
                table.Append($"| {category} | {split} | {rows.Count} | {recall} | {rows.Count(a => a.Passed)}/{rows.Count} | {rows.Count(a => a.Abstained)} | {string.Join(", ", misses)} |\n");
            }
        }
        return table.ToString();
    }

    public static string SummaryTable(IReadOnlyList<AnswerOutcome> answers, IReadOnlyList<JudgeOutcome> judgements)
    {
        var table = new StringBuilder("| Figure | Target | Calibration | Test |\n|---|---|---|---|\n");
        void Row(string name, string target, Func<Split, double> figure) =>
            table.Append($"| {name} | {target} | {figure(Split.Calibration).ToString("0.000", CultureInfo.InvariantCulture)} | {figure(Split.Test).ToString("0.000", CultureInfo.InvariantCulture)} |\n");
        Row("Recall@5 (hybrid), answerable", "≥ 0.95", s => RecallAt5(answers.Where(a => a.Question.Split == s)));
        Row("Answers with every must-contain fact, answerable", "≥ 0.90", s => FactRate(answers.Where(a => a.Question.Split == s)));
        Row("Correct abstention, unanswerable", "≥ 0.85", s => CorrectAbstention(answers.Where(a => a.Question.Split == s)));
        Row("False abstention, answerable", "≤ 0.05", s => FalseAbstention(answers.Where(a => a.Question.Split == s)));
        Row("Judge agreement with human verdicts", "≥ 0.85", s => Agreement(judgements.Where(j => j.Row.Split == s)));
        Row("Judge Cohen's κ", "≥ 0.70", s => Kappa(judgements.Where(j => j.Row.Split == s).ToList()));
        return table.ToString();
    }

    public static string JudgeTable(IReadOnlyList<JudgeOutcome> judgements)
    {
        var table = new StringBuilder("| Answer kind | Human verdict | Split | Rows | Judge agrees | Disagreements |\n|---|---|---|---|---|---|\n");
        foreach (var kind in judgements.GroupBy(j => (j.Row.Kind, j.Row.Verdict)).OrderBy(g => g.Key.Verdict).ThenBy(g => g.Key.Kind))
        {
            foreach (var split in Enum.GetValues<Split>())
            {
                var rows = kind.Where(j => j.Row.Split == split).ToList();
                var misses = rows.Where(j => !j.Agrees).Select(j => $"{j.Row.Question.KnowledgeBase}/{j.Row.Q}");
                table.Append($"| {kind.Key.Kind} | {kind.Key.Verdict} | {split} | {rows.Count} | {rows.Count(j => j.Agrees)}/{rows.Count} | {string.Join(", ", misses)} |\n");
            }
        }
        return table.ToString();
    }

    private static double Rate<T>(IEnumerable<T> rows, Func<T, bool> counted)
    {
        var list = rows.ToList();
        return list.Count == 0 ? 0 : list.Count(counted) / (double)list.Count;
    }

    private static double Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? 0 : list.Average();
    }

    private static string Percent(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
