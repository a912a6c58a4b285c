namespace WorkflowStudio.Web.Monitoring;

/// <summary>The periods the page offers, ending now.</summary>
public static class MonitoringPeriod
{
    public static readonly IReadOnlyList<(string Key, string Label, TimeSpan Span)> All =
    [
        ("1h", "Last hour", TimeSpan.FromHours(1)),
        ("24h", "Last 24 hours", TimeSpan.FromDays(1)),
        ("7d", "Last 7 days", TimeSpan.FromDays(7)),
        ("30d", "Last 30 days", TimeSpan.FromDays(30)),
    ];

    public const string Default = "24h";

    public static TimeSpan SpanOf(string key) => All.FirstOrDefault(p => p.Key == key, All[1]).Span;
}
