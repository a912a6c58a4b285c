using WorkflowStudio.Studio.Monitoring;
using WorkflowStudio.Web.Monitoring;

namespace WorkflowStudio.Web.Tests.Monitoring;

public sealed class ChartFiguresTests
{
    [Fact]
    public void A_single_interval_is_drawn_on_an_axis_one_interval_wide_not_a_millisecond()
    {
        var start = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        var overview = new MonitoringOverview(new MonitoringTotals(1, 0, 1, 10, 5, 0, 100, 100, 0), TimeSpan.FromHours(1),
            [new IntervalPoint(start, 1, 1, 0, 100, 100)], [], [], [], []);

        var latency = ChartFigures.From(overview).Single(f => f.Key == "latency");

        Assert.Equal(["2026-12-02 11:30", "2026-12-02 12:30"], latency.Layout.XAxis!.Single().Range!);
    }

    [Fact]
    public void With_nothing_to_draw_the_axis_is_left_to_plotly() =>
        Assert.Null(ChartFigures.From(new MonitoringOverview(new MonitoringTotals(0, 0, 0, 0, 0, 0, 0, 0, 0), TimeSpan.FromHours(1), [], [], [], [], []))
            .Single(f => f.Key == "runs").Layout.XAxis);
}
