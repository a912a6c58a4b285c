namespace WorkflowStudio.Studio.Monitoring;

internal static class Percentiles
{
    /// <summary>The nearest-rank percentile of values already sorted ascending; 0 for none.</summary>
    public static double Of(IReadOnlyList<double> sorted, double percentile)
    {
        if (sorted.Count == 0) return 0;
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static (double P50, double P95) Both(List<double> values)
    {
        values.Sort();
        return (Of(values, 50), Of(values, 95));
    }
}
