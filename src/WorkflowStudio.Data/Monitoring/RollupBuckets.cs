namespace WorkflowStudio.Data.Monitoring;

/// <summary>
/// The rollup bucket widths: a day for long periods, an hour for their ragged ends and for periods charted by the hour
/// or more. Buckets start at multiples of their width since the Unix epoch (so days are UTC days), which makes every
/// chart interval that is a multiple of a width a whole number of its buckets.
/// </summary>
public static class RollupBuckets
{
    public const long HourMs = 3_600_000;
    public const long DayMs = 24 * HourMs;

    /// <summary>Widest first.</summary>
    public static readonly IReadOnlyList<long> Widths = [DayMs, HourMs];

    public static long Start(long atMs, long widthMs) => atMs - Mod(atMs, widthMs);

    /// <summary>
    /// Splits [from, to) into whole buckets of the widest width that fits, then of narrower ones at the ends, and raw
    /// ranges (width 0) for what no bucket covers: at most two, each shorter than the narrowest width.
    /// </summary>
    public static IEnumerable<(long WidthMs, long FromMs, long ToMs)> Cover(long fromMs, long toMs, IReadOnlyList<long> widths)
    {
        if (fromMs >= toMs) yield break;
        if (widths.Count == 0)
        {
            yield return (0, fromMs, toMs);
            yield break;
        }
        var (width, narrower) = (widths[0], widths.Skip(1).ToList());
        var (first, last) = (Start(fromMs + width - 1, width), Start(toMs, width));
        if (first >= last)
        {
            foreach (var part in Cover(fromMs, toMs, narrower)) yield return part;
            yield break;
        }
        foreach (var part in Cover(fromMs, first, narrower)) yield return part;
        yield return (width, first, last);
        foreach (var part in Cover(last, toMs, narrower)) yield return part;
    }

    private static long Mod(long value, long width) => (value % width + width) % width;
}
