using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Evaluation.Statistics;

namespace WorkflowStudio.Evaluation.Comparison;

/// <summary>Compares the scores of two evaluations of the same dataset (from the database or from result files).</summary>
public static class EvaluationComparer
{
    public static EvaluationComparison Compare(IReadOnlyList<CaseScore> baseline, IReadOnlyList<CaseScore> candidate, int seed = Bootstrap.DefaultSeed)
    {
        var before = Index(baseline);
        var after = Index(candidate);
        var shared = before.Keys.Where(after.ContainsKey).Order(StringComparer.Ordinal).ToList();

        var scorers = baseline.Select(s => s.Scorer).Intersect(candidate.Select(s => s.Scorer)).Order(StringComparer.Ordinal)
            .Select(scorer =>
            {
                var pairs = shared.Where(id => before[id].Scorers.ContainsKey(scorer) && after[id].Scorers.ContainsKey(scorer))
                    .Select(id => (Before: before[id].Scorers[scorer].Mean, After: after[id].Scorers[scorer].Mean)).ToList();
                var differences = pairs.Select(p => p.After - p.Before).ToList();
                return new ScorerDelta(scorer, pairs.Count,
                    pairs.Count == 0 ? double.NaN : pairs.Average(p => p.Before),
                    pairs.Count == 0 ? double.NaN : pairs.Average(p => p.After),
                    differences.Count == 0 ? double.NaN : differences.Average(),
                    Bootstrap.MeanInterval(differences, seed: seed), PairedTTest.Run(differences));
            }).ToList();

        var cases = shared.Select(id =>
            {
                var (b, a) = (before[id], after[id]);
                var change = a.PassRate < b.PassRate ? CaseChange.Regressed : a.PassRate > b.PassRate ? CaseChange.Improved : CaseChange.Unchanged;
                var moved = b.Scorers.Keys.Where(s => a.Scorers.TryGetValue(s, out var x) && x.PassRate != b.Scorers[s].PassRate).Order(StringComparer.Ordinal).ToList();
                return new CaseComparison(id, change, b.PassRate, a.PassRate, moved);
            })
            .OrderBy(c => c.Change).ThenBy(c => c.CandidatePassRate - c.BaselinePassRate).ThenBy(c => c.CaseId, StringComparer.Ordinal)
            .ToList();

        return new EvaluationComparison(scorers, cases,
            [.. before.Where(kv => kv.Value.Flaky).Select(kv => kv.Key).Order(StringComparer.Ordinal)],
            [.. after.Where(kv => kv.Value.Flaky).Select(kv => kv.Key).Order(StringComparer.Ordinal)],
            [.. before.Keys.Except(after.Keys).Order(StringComparer.Ordinal)],
            [.. after.Keys.Except(before.Keys).Order(StringComparer.Ordinal)]);
    }

    /// <summary>Cases that pass on some repeats and fail on others, within one evaluation.</summary>
    public static IReadOnlyList<string> FlakyCases(IReadOnlyList<CaseScore> scores) =>
        [.. Index(scores).Where(kv => kv.Value.Flaky).Select(kv => kv.Key).Order(StringComparer.Ordinal)];

    private sealed record ScorerStats(double Mean, double PassRate);

    private sealed record CaseStats(double PassRate, bool Flaky, IReadOnlyDictionary<string, ScorerStats> Scorers);

    private static Dictionary<string, CaseStats> Index(IReadOnlyList<CaseScore> scores) =>
        scores.GroupBy(s => s.CaseId, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
        {
            // A repeat passes when every scorer passed on it.
            var repeats = g.GroupBy(s => s.Repeat).Select(r => r.All(s => s.Passed)).ToList();
            var passRate = repeats.Count(p => p) / (double)repeats.Count;
            var scorers = g.GroupBy(s => s.Scorer, StringComparer.Ordinal).ToDictionary(
                s => s.Key,
                s => new ScorerStats(s.Average(x => x.Value ?? (x.Passed ? 1 : 0)), s.Count(x => x.Passed) / (double)s.Count()),
                StringComparer.Ordinal);
            return new CaseStats(passRate, repeats.Distinct().Count() > 1, scorers);
        }, StringComparer.Ordinal);
}
