using System.Globalization;

namespace WorkflowStudio.Benchmarks.AI;

/// <summary>Latency figures from a set of timings, in milliseconds.</summary>
internal sealed record Percentiles(double P50, double P95, double Mean)
{
    public static Percentiles Of(IReadOnlyList<TimeSpan> samples)
    {
        var sorted = samples.Select(s => s.TotalMilliseconds).Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(At(0.50), At(0.95), sorted.Average());
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"p50 {P50:0.000} ms, p95 {P95:0.000} ms, mean {Mean:0.000} ms");
}
