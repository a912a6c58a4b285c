using WorkflowStudio.Data.Monitoring;

namespace WorkflowStudio.Studio.Monitoring;

/// <summary>
/// Adds up slices of calls. Latency percentiles are exact while every slice is a raw call, and read from the merged
/// histograms (within <see cref="LatencyHistogram.Precision"/>) once a rollup is among them.
/// </summary>
internal sealed class CallTally
{
    private List<double>? _exact = [];
    private LatencyHistogram? _histogram;
    private long _lastErrorAtMs = long.MinValue;

    public int Calls { get; private set; }
    public int FailedCalls { get; private set; }
    public int CacheHits { get; private set; }
    public int Runs { get; private set; }
    public long InputTokens { get; private set; }
    public long OutputTokens { get; private set; }
    public decimal Cost { get; private set; }
    public double MaxLatencyMs { get; private set; }
    public long LastAtMs { get; private set; }
    public string? LastError { get; private set; }

    public static CallTally Of(IEnumerable<CallSlice> slices)
    {
        var tally = new CallTally();
        foreach (var slice in slices) tally.Add(slice);
        return tally;
    }

    public void Add(CallSlice slice)
    {
        Calls += slice.Calls;
        FailedCalls += slice.FailedCalls;
        CacheHits += slice.CacheHits;
        Runs += slice.Runs;
        InputTokens += slice.InputTokens;
        OutputTokens += slice.OutputTokens;
        Cost += slice.Cost;
        MaxLatencyMs = Math.Max(MaxLatencyMs, slice.MaxLatencyMs);
        if (slice.FailedCalls > 0 && slice.LastAtMs >= _lastErrorAtMs) (LastError, _lastErrorAtMs) = (slice.LastError, slice.LastAtMs);
        LastAtMs = Math.Max(LastAtMs, slice.LastAtMs);
        if (slice.Latencies is { } latencies)
        {
            Histogram().Add(latencies);
            _exact = null;
        }
        else if (_exact is not null) _exact.Add(slice.MaxLatencyMs);
        else _histogram!.Add(slice.MaxLatencyMs);
    }

    public (double P50Ms, double P95Ms) Percentiles() => _exact is not null
        ? Monitoring.Percentiles.Both(_exact)
        : (_histogram!.Percentile(50, MaxLatencyMs), _histogram.Percentile(95, MaxLatencyMs));

    public decimal RoundedCost => Math.Round(Cost, 6);

    private LatencyHistogram Histogram()
    {
        if (_histogram is not null) return _histogram;
        _histogram = new LatencyHistogram();
        foreach (var latency in _exact!) _histogram.Add(latency);
        return _histogram;
    }
}
