using System.Globalization;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using WorkflowStudio.Studio.Evaluations;
using WorkflowStudio.Studio.Monitoring;

namespace WorkflowStudio.Web.Monitoring;

/// <summary>A chart as Plotly takes it: its traces and its layout.</summary>
public sealed record ChartFigure(string Key, IList<ITrace> Data, Plotly.Blazor.Layout Layout);

/// <summary>The Monitoring page's four charts, built from an overview; times are shown in UTC like the rest of the studio.</summary>
public static class ChartFigures
{
    public static IReadOnlyList<ChartFigure> From(MonitoringOverview overview)
    {
        var times = overview.Intervals.Select(i => (object)Time(i.Start)).ToList();
        var days = overview.Days.Select(d => (object)d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        var span = TimeRange(overview.Intervals.Select(i => i.Start).Concat(overview.Feedback.Select(f => f.Start)), overview.Interval);
        return
        [
            new("runs", [
                new Bar { Name = "runs", X = times, Y = overview.Intervals.Select(i => (object)i.Runs).ToList() },
                new Bar { Name = "model calls", X = times, Y = overview.Intervals.Select(i => (object)i.Calls).ToList() },
                new Bar { Name = "failed calls", X = times, Y = overview.Intervals.Select(i => (object)i.FailedCalls).ToList() },
            ], Layout("Runs and errors", "count", span)),
            new("latency", [
                Line("p50", times, overview.Intervals.Select(i => i.P50Ms)),
                Line("p95", times, overview.Intervals.Select(i => i.P95Ms)),
            ], Layout("Model-call latency", "ms", span)),
            new("usage", [
                new Bar { Name = "input tokens", X = days, Y = overview.Days.Select(d => (object)d.InputTokens).ToList() },
                new Bar { Name = "output tokens", X = days, Y = overview.Days.Select(d => (object)d.OutputTokens).ToList() },
                Line("cost ($)", days, overview.Days.Select(d => (double)d.Cost), yAxis: "y2"),
            ], Layout("Tokens and cost per day", "tokens", secondAxis: "$")),
            new("feedback", [
                Line("average score", overview.Feedback.Select(f => (object)Time(f.Start)).ToList(), overview.Feedback.Select(f => f.AverageScore)),
            ], Layout("Feedback score (0 to 1)", "score", span)),
        ];
    }

    /// <summary>Online evaluation: the pass rate (%) of each workflow's tag per interval.</summary>
    public static ChartFigure OnlinePassRate(OnlineEvaluationOverview overview) =>
        new("online", [.. overview.Points.GroupBy(p => (p.WorkflowId, p.Tag)).Select(g =>
            (ITrace)Line($"{g.Key.WorkflowId}/{g.Key.Tag}", g.Select(p => (object)Time(p.Start)).ToList(), g.Select(p => 100 * p.PassRate)))],
            Layout("Online pass rate per tag", "% passed"));

    // Plotly zooms a lone point to a millisecond either side; half an interval either side of the data reads as time.
    private static IList<object>? TimeRange(IEnumerable<DateTimeOffset> starts, TimeSpan interval)
    {
        var all = starts.ToList();
        return all.Count == 0 ? null : [Time(all.Min() - interval / 2), Time(all.Max() + interval / 2)];
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static Scatter Line(string name, IList<object> x, IEnumerable<double> y, string yAxis = "y") =>
        new() { Name = name, X = x, Y = y.Select(v => (object)Math.Round(v, 6)).ToList(), Mode = ModeFlag.Lines | ModeFlag.Markers, YAxis = yAxis };

    private static Plotly.Blazor.Layout Layout(string title, string unit, IList<object>? timeRange = null, string? secondAxis = null)
    {
        var axes = new List<YAxis> { new() { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = unit }, RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero } };
        if (secondAxis is not null)
            axes.Add(new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = secondAxis }, Overlaying = "y", Side = Plotly.Blazor.LayoutLib.YAxisLib.SideEnum.Right });
        return new Plotly.Blazor.Layout
        {
            Title = new Title { Text = title },
            Height = 260,
            Margin = new Margin { L = 50, R = secondAxis is null ? 20 : 50, T = 40, B = 40 },
            YAxis = axes,
            XAxis = timeRange is null ? null : [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date, Range = timeRange }],
            BarMode = BarModeEnum.Group,
            ShowLegend = true,
            Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = -0.25m }],
        };
    }
}
