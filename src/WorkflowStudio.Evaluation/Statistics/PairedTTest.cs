using MathNet.Numerics.Distributions;

namespace WorkflowStudio.Evaluation.Statistics;

public sealed record TTestResult(double MeanDifference, double T, int DegreesOfFreedom, double PValue);

/// <summary>Two-sided paired t-test on per-case differences (candidate − baseline).</summary>
public static class PairedTTest
{
    public static TTestResult Run(IReadOnlyList<double> differences)
    {
        var n = differences.Count;
        if (n == 0) return new TTestResult(0, 0, 0, 1);
        var mean = differences.Average();
        if (n == 1) return new TTestResult(mean, double.NaN, 0, 1);
        var variance = differences.Sum(d => (d - mean) * (d - mean)) / (n - 1);
        // Identical differences: no spread to test against; either nothing changed or everything moved by the same amount.
        if (variance == 0) return new TTestResult(mean, mean == 0 ? 0 : double.PositiveInfinity * Math.Sign(mean), n - 1, mean == 0 ? 1 : 0);
        var t = mean / Math.Sqrt(variance / n);
        var p = 2 * StudentT.CDF(0, 1, n - 1, -Math.Abs(t));
        return new TTestResult(mean, t, n - 1, Math.Min(1, p));
    }
}
