namespace WorkflowStudio.Data.Monitoring;

/// <summary>
/// How finely a reader of <see cref="IModelCallStore.LoadSlicesAsync"/> needs the calls split, which says which rollups
/// may answer: a chart needs each slice inside one of its intervals, so only buckets that divide the interval; a total
/// over the period (an alert check) takes the widest bucket that fits anywhere in it.
/// </summary>
public sealed record SliceGrain
{
    private SliceGrain(TimeSpan? interval) => Interval = interval;

    /// <summary>Only the sum over the whole period is wanted.</summary>
    public static SliceGrain Total { get; } = new((TimeSpan?)null);

    /// <summary>Each slice inside one chart interval of <paramref name="interval"/>, intervals starting at multiples of it since the Unix epoch.</summary>
    public static SliceGrain Intervals(TimeSpan interval) => interval > TimeSpan.Zero
        ? new SliceGrain(interval)
        : throw new ArgumentOutOfRangeException(nameof(interval), interval, "A chart interval must be longer than zero.");

    /// <summary>The chart interval; null for <see cref="Total"/>.</summary>
    public TimeSpan? Interval { get; }

    /// <summary>The rollup widths that may serve, widest first.</summary>
    public IReadOnlyList<long> RollupWidths => Interval is { } interval
        ? RollupBuckets.Widths.Where(w => (long)interval.TotalMilliseconds % w == 0).ToList()
        : RollupBuckets.Widths;
}
