namespace WorkflowStudio.Evaluation.Statistics;

public static class Percentiles
{
    /// <summary>The <paramref name="p"/>-th percentile (0-100) of ascending <paramref name="sorted"/>, interpolating between ranks; NaN when empty.</summary>
    public static double Of(IReadOnlyList<long> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = Math.Clamp(p, 0, 100) / 100 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
    }
}
