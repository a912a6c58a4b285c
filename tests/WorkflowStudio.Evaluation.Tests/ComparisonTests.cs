using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Evaluation.Comparison;

namespace WorkflowStudio.Evaluation.Tests;

public class ComparisonTests
{
    private static CaseScore S(string id, int repeat, string scorer, bool passed, double? value = null) =>
        new(0, id, repeat, scorer, value ?? (passed ? 1 : 0), passed, null);

    [Fact]
    public void Cases_are_regressed_improved_or_unchanged_with_regressions_first()
    {
        CaseScore[] baseline = [S("a", 0, "x", true), S("b", 0, "x", false), S("c", 0, "x", true), S("gone", 0, "x", true)];
        CaseScore[] candidate = [S("a", 0, "x", true), S("b", 0, "x", true), S("c", 0, "x", false), S("new", 0, "x", true)];
        var comparison = EvaluationComparer.Compare(baseline, candidate);
        Assert.Equal([("c", CaseChange.Regressed), ("b", CaseChange.Improved), ("a", CaseChange.Unchanged)], comparison.Cases.Select(c => (c.CaseId, c.Change)));
        Assert.Equal(["x"], comparison.Cases[0].Scorers);
        Assert.Equal(["gone"], comparison.OnlyInBaseline);
        Assert.Equal(["new"], comparison.OnlyInCandidate);
        var delta = Assert.Single(comparison.Scorers);
        Assert.Equal((3, 0.0), (delta.Pairs, delta.Delta));
        Assert.False(delta.Significant);
    }

    [Fact]
    public void A_case_that_passes_on_some_repeats_and_fails_on_others_is_flaky()
    {
        CaseScore[] scores = [S("a", 0, "x", true), S("a", 1, "x", false), S("b", 0, "x", true), S("b", 1, "x", true), S("c", 0, "x", true), S("c", 0, "y", false), S("c", 1, "x", true), S("c", 1, "y", false)];
        Assert.Equal(["a"], EvaluationComparer.FlakyCases(scores));
        var comparison = EvaluationComparer.Compare(scores, scores);
        Assert.Equal(["a"], comparison.FlakyInBaseline);
        Assert.Equal(0, comparison.Regressed);
    }

    [Fact]
    public void A_consistent_drop_is_significant()
    {
        var baseline = Enumerable.Range(0, 30).Select(i => S($"c{i}", 0, "sim", true, 0.9)).ToList();
        var candidate = Enumerable.Range(0, 30).Select(i => S($"c{i}", 0, "sim", true, 0.7 + (i % 3) * 0.01)).ToList();
        var delta = Assert.Single(EvaluationComparer.Compare(baseline, candidate).Scorers);
        Assert.True(delta.Significant);
        Assert.True(delta.Interval.High < 0);
        Assert.True(delta.Test.PValue < 0.001);
    }
}
