namespace WorkflowStudio.Data.Monitoring;

/// <summary>
/// Call latencies counted in fixed log-spaced buckets, four per doubling from 1 ms: bucket 0 holds everything under
/// 1 ms, bucket i ≥ 1 holds [2^((i-1)/4), 2^(i/4)) ms, and the last everything from 2^20 ms (17.5 minutes). Histograms of
/// any groups merge by adding counts, so rollups keep the shape of their calls' latencies. A percentile read from one
/// is its bucket's geometric middle, capped at the group's maximum: within <see cref="Precision"/> of the exact
/// nearest-rank value (within 0.5 ms under 1 ms; past 17.5 minutes only the cap bounds it).
/// </summary>
public sealed class LatencyHistogram
{
    public const int Buckets = 82;

    /// <summary>The largest relative error of a percentile: 2^(1/8) − 1.</summary>
    public static readonly double Precision = Math.Pow(2, 1.0 / 8) - 1;

    private readonly long[] _counts = new long[Buckets];

    public long Count { get; private set; }

    public void Add(double latencyMs)
    {
        _counts[BucketOf(latencyMs)]++;
        Count++;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < Buckets; i++) _counts[i] += other._counts[i];
        Count += other.Count;
    }

    /// <summary>The nearest-rank percentile, capped at <paramref name="maxMs"/>; 0 for no calls.</summary>
    public double Percentile(double percentile, double maxMs)
    {
        if (Count == 0) return 0;
        var rank = Math.Clamp((long)Math.Ceiling(percentile / 100 * Count), 1, Count);
        long seen = 0;
        var bucket = 0;
        for (; bucket < Buckets - 1; bucket++)
            if ((seen += _counts[bucket]) >= rank) break;
        return Math.Min(Middle(bucket), maxMs);
    }

    /// <summary>Non-empty buckets as (index byte, count as a 7-bit varint): a few bytes for the handful of buckets a group fills.</summary>
    public byte[] ToBytes()
    {
        var bytes = new List<byte>(16);
        for (var i = 0; i < Buckets; i++)
        {
            if (_counts[i] == 0) continue;
            bytes.Add((byte)i);
            for (var n = (ulong)_counts[i]; ; n >>= 7)
            {
                if (n < 0x80) { bytes.Add((byte)n); break; }
                bytes.Add((byte)(n & 0x7F | 0x80));
            }
        }
        return [.. bytes];
    }

    public static LatencyHistogram FromBytes(ReadOnlySpan<byte> bytes)
    {
        var histogram = new LatencyHistogram();
        for (var at = 0; at < bytes.Length;)
        {
            var bucket = bytes[at++];
            if (bucket >= Buckets) throw new InvalidDataException($"Latency bucket {bucket} is out of range.");
            ulong count = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = bytes[at++];
                count |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) break;
            }
            histogram._counts[bucket] += (long)count;
            histogram.Count += (long)count;
        }
        return histogram;
    }

    internal static int BucketOf(double latencyMs) =>
        latencyMs < 1 || double.IsNaN(latencyMs) ? 0 : (int)Math.Min(Buckets - 1, 1 + Math.Floor(Math.Log2(latencyMs) * 4));

    private static double Middle(int bucket) => bucket == 0 ? 0.5 : Math.Pow(2, (bucket - 0.5) / 4);
}
