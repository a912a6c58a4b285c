using WorkflowStudio.Evaluation.Statistics;

namespace WorkflowStudio.Evaluation.Tests;

public class StatisticsTests
{
    [Fact]
    public void Paired_t_test_matches_the_hand_computed_value()
    {
        // d = 1..5: mean 3, s = sqrt(2.5), t = 3 / (s / sqrt 5) = 4.2426, df 4; the closed form of the t(4) CDF
        // gives p = 2 * (1 - F(t)) = 0.0132356.
        var result = PairedTTest.Run([1, 2, 3, 4, 5]);
        Assert.Equal(3, result.MeanDifference, 12);
        Assert.Equal(4.242641, result.T, 5);
        Assert.Equal(4, result.DegreesOfFreedom);
        Assert.Equal(0.0132356, result.PValue, 6);
    }

    [Fact]
    public void Paired_t_test_of_no_change_and_of_a_constant_change()
    {
        Assert.Equal(1, PairedTTest.Run([0, 0, 0]).PValue);
        Assert.Equal(0, PairedTTest.Run([0.5, 0.5, 0.5]).PValue);
        Assert.Equal(1, PairedTTest.Run([]).PValue);
        Assert.Equal(1, PairedTTest.Run([1, -1, 1, -1]).PValue, 9);
    }

    [Fact]
    public void Bootstrap_of_a_constant_is_that_constant()
    {
        var interval = Bootstrap.MeanInterval([0.25, 0.25, 0.25, 0.25]);
        Assert.Equal((0.25, 0.25), (interval.Low, interval.High));
    }

    [Fact]
    public void Bootstrap_is_seeded_and_agrees_with_the_normal_approximation_on_a_large_sample()
    {
        // 400 values, half 0 and half 1: mean 0.5, standard error sqrt(0.25 / 400) = 0.025, so the 95% interval is
        // close to 0.5 ± 1.96 * 0.025 = [0.451, 0.549].
        var values = Enumerable.Range(0, 400).Select(i => (double)(i % 2)).ToList();
        var interval = Bootstrap.MeanInterval(values);
        Assert.InRange(interval.Low, 0.445, 0.457);
        Assert.InRange(interval.High, 0.543, 0.555);
        Assert.Equal(interval, Bootstrap.MeanInterval(values));
    }

    [Fact]
    public void Cohens_kappa_matches_the_textbook_example()
    {
        // 50 items: both yes 20, judge yes / person no 5, judge no / person yes 10, both no 15.
        // p_o = 35/50 = 0.7; p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa = (0.7 - 0.5) / 0.5 = 0.4.
        var judge = Repeat("yes", 20).Concat(Repeat("yes", 5)).Concat(Repeat("no", 10)).Concat(Repeat("no", 15)).ToList();
        var person = Repeat("yes", 20).Concat(Repeat("no", 5)).Concat(Repeat("yes", 10)).Concat(Repeat("no", 15)).ToList();
        var agreement = CohenKappa.Compute(judge, person);
        Assert.Equal(0.7, agreement.Observed, 12);
        Assert.Equal(0.5, agreement.Expected, 12);
        Assert.Equal(0.4, agreement.Kappa, 12);
        Assert.False(agreement.Trusted);
        Assert.Equal(["no", "yes"], agreement.Labels);
        Assert.Equal(15, agreement.Matrix[0, 0]);
        Assert.Equal(10, agreement.Matrix[0, 1]);
        Assert.Equal(5, agreement.Matrix[1, 0]);
        Assert.Equal(20, agreement.Matrix[1, 1]);
    }

    [Fact]
    public void Perfect_agreement_is_trusted_and_mismatched_lengths_are_refused()
    {
        Assert.True(CohenKappa.Compute(["pass", "fail"], ["pass", "fail"]).Trusted);
        Assert.Equal(1, CohenKappa.Compute(["pass", "pass"], ["pass", "pass"]).Kappa);
        Assert.Throws<ArgumentException>(() => CohenKappa.Compute(["pass"], []));
    }

    [Fact]
    public void Percentiles_interpolate_between_ranks()
    {
        long[] sorted = [10, 20, 30, 40];
        Assert.Equal(25, Percentiles.Of(sorted, 50));
        Assert.Equal(38.5, Percentiles.Of(sorted, 95), 9);
        Assert.Equal(10, Percentiles.Of(sorted, 0));
        Assert.True(double.IsNaN(Percentiles.Of([], 50)));
    }

    private static IEnumerable<string> Repeat(string label, int count) => Enumerable.Repeat(label, count);
}
