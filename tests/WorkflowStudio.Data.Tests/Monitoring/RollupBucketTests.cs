using WorkflowStudio.Data.Monitoring;

namespace WorkflowStudio.Data.Tests.Monitoring;

/// <summary>How a period splits into rollup buckets and raw ends, and what a latency histogram keeps.</summary>
public sealed class RollupBucketTests
{
    private const long Hour = RollupBuckets.HourMs;
    private const long Day = RollupBuckets.DayMs;

    [Fact]
    public void A_period_is_covered_by_whole_days_then_whole_hours_at_its_ends_then_raw_edges_exactly_once()
    {
        var (from, to) = (10 * Day + 5 * Hour + 1_234, 40 * Day + 7 * Hour + 99);

        var parts = RollupBuckets.Cover(from, to, RollupBuckets.Widths).ToList();

        Assert.Equal([
            (0L, from, 10 * Day + 6 * Hour),
            (Hour, 10 * Day + 6 * Hour, 11 * Day),
            (Day, 11 * Day, 40 * Day),
            (Hour, 40 * Day, 40 * Day + 7 * Hour),
            (0L, 40 * Day + 7 * Hour, to),
        ], parts);
    }

    [Fact]
    public void A_period_shorter_than_any_bucket_or_with_no_widths_is_read_raw()
    {
        Assert.Equal([(0L, 5L, Hour - 1)], RollupBuckets.Cover(5, Hour - 1, RollupBuckets.Widths));
        Assert.Equal([(0L, 0L, 3 * Day)], RollupBuckets.Cover(0, 3 * Day, []));
        Assert.Equal([(Hour, Hour, 3 * Hour)], RollupBuckets.Cover(Hour, 3 * Hour, RollupBuckets.Widths));
    }

    [Fact]
    public void Histogram_percentiles_are_within_the_stated_precision_of_the_exact_nearest_rank()
    {
        var random = new Random(5);
        var latencies = Enumerable.Range(0, 5_000).Select(_ => Math.Exp(random.NextDouble() * Math.Log(600_000)) * 0.2).ToList();
        var histogram = new LatencyHistogram();
        foreach (var latency in latencies) histogram.Add(latency);
        latencies.Sort();

        foreach (var percentile in new[] { 1.0, 50, 90, 95, 99, 100 })
        {
            var exact = latencies[(int)Math.Ceiling(percentile / 100 * latencies.Count) - 1];
            var estimate = histogram.Percentile(percentile, latencies[^1]);
            Assert.InRange(estimate, exact - Math.Max(exact * LatencyHistogram.Precision, 0.5), exact + Math.Max(exact * LatencyHistogram.Precision, 0.5));
        }
    }

    [Fact]
    public void Histograms_survive_their_bytes_and_merge_by_adding_counts()
    {
        var (a, b) = (new LatencyHistogram(), new LatencyHistogram());
        foreach (var latency in new[] { 0.2, 1, 50, 50, 51, 9_000 }) a.Add(latency);
        for (var i = 0; i < 1_000; i++) b.Add(50);

        var merged = LatencyHistogram.FromBytes(a.ToBytes());
        merged.Add(LatencyHistogram.FromBytes(b.ToBytes()));

        Assert.Equal(1_006, merged.Count);
        Assert.Equal(a.ToBytes().Length, LatencyHistogram.FromBytes(a.ToBytes()).ToBytes().Length);
        Assert.InRange(merged.Percentile(50, 9_000), 50 / (1 + LatencyHistogram.Precision), 50 * (1 + LatencyHistogram.Precision));
        Assert.Equal(9_000, merged.Percentile(100, 9_000), 0.1 * 9_000);
        Assert.Throws<InvalidDataException>(() => LatencyHistogram.FromBytes([200, 1]));
    }
}
