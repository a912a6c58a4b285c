namespace WorkflowStudio.Evaluation.Statistics;

public readonly record struct Interval(double Low, double High)
{
    public bool Contains(double value) => value >= Low && value <= High;
}

/// <summary>Percentile bootstrap of a mean. Seeded, so the same results always give the same interval in reports and CI.</summary>
public static class Bootstrap
{
    public const int DefaultResamples = 2_000;
    public const int DefaultSeed = 20_261_202;

    public static Interval MeanInterval(IReadOnlyList<double> values, double confidence = 0.95, int resamples = DefaultResamples, int seed = DefaultSeed)
    {
        if (values.Count == 0) return new Interval(double.NaN, double.NaN);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 100);
        if (confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), "Confidence is a fraction between 0 and 1.");
        var random = new Random(seed);
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < values.Count; i++) sum += values[random.Next(values.Count)];
            means[r] = sum / values.Count;
        }
        Array.Sort(means);
        var tail = (1 - confidence) / 2;
        return new Interval(Quantile(means, tail), Quantile(means, 1 - tail));
    }

    private static double Quantile(double[] sorted, double q)
    {
        var rank = q * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
    }
}
