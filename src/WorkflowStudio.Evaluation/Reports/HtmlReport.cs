using System.Globalization;
using System.Net;
using System.Text;

namespace WorkflowStudio.Evaluation.Reports;

/// <summary>A self-contained HTML page (inline styles, no scripts) of an evaluation, to attach to a build or mail.</summary>
public static class HtmlReport
{
    public static string Build(EvaluationReport report)
    {
        var s = report.Summary;
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Evaluation ").Append(E(report.EvaluationId)).Append("</title><style>")
            .Append("body{font:14px system-ui,sans-serif;margin:2rem;color:#1d2330}table{border-collapse:collapse;margin:1rem 0}")
            .Append("td,th{border:1px solid #d5d9e2;padding:4px 8px;vertical-align:top;text-align:left}.fail{background:#fdecea}.pass{background:#eaf7ee}")
            .Append("pre{margin:0;white-space:pre-wrap;max-width:40rem}</style></head><body>");
        html.Append("<h1>").Append(E(report.WorkflowId)).Append(" v").Append(report.WorkflowVersion).Append(" × ").Append(E(report.DatasetId)).Append(" v").Append(report.DatasetVersion).Append("</h1>");
        html.Append("<p><strong>").Append(report.Passed ? "Passed" : "Failed").Append("</strong>: ")
            .Append(s.Passed).Append(" of ").Append(s.Done).Append(" case runs passed (").Append(Percent(s.PassRate)).Append("), ")
            .Append(s.Errors).Append(" errors, p50 ").Append(Number(s.P50LatencyMs)).Append(" ms, p95 ").Append(Number(s.P95LatencyMs))
            .Append(" ms, cost ").Append(s.Cost.ToString(CultureInfo.InvariantCulture)).Append(".</p>");

        html.Append("<table><tr><th>Scorer</th><th>Pass rate</th><th>Mean</th></tr>");
        foreach (var scorer in s.Scorers)
            html.Append("<tr><td>").Append(E(scorer.Scorer)).Append("</td><td>").Append(Percent(scorer.PassRate)).Append("</td><td>").Append(scorer.Mean is { } m ? Number(m) : "").Append("</td></tr>");
        html.Append("</table><table><tr><th>Threshold</th><th>Result</th></tr>");
        foreach (var t in report.Thresholds)
            html.Append("<tr class=\"").Append(t.Passed ? "pass" : "fail").Append("\"><td>").Append(E(t.Expression)).Append("</td><td>").Append(E(t.Reason)).Append("</td></tr>");
        html.Append("</table>");

        if (report.Comparison is { } comparison)
        {
            html.Append("<h2>Against the baseline</h2><table><tr><th>Scorer</th><th>Δ mean</th><th>95% CI</th><th>p</th></tr>");
            foreach (var d in comparison.Scorers)
                html.Append("<tr><td>").Append(E(d.Scorer)).Append("</td><td>").Append(Number(d.Delta)).Append("</td><td>[").Append(Number(d.Interval.Low)).Append(", ")
                    .Append(Number(d.Interval.High)).Append("]</td><td>").Append(Number(d.Test.PValue)).Append("</td></tr>");
            html.Append("</table><p>").Append(comparison.Regressed).Append(" regressed, ").Append(comparison.Improved).Append(" improved.</p>");
        }

        html.Append("<h2>Cases</h2><table><tr><th>Case</th><th>Output</th><th>Scores</th><th>Latency</th><th>Run</th></tr>");
        foreach (var c in report.Cases.OrderBy(c => c.Passed))
        {
            html.Append("<tr class=\"").Append(c.Passed ? "pass" : "fail").Append("\"><td>").Append(E(c.CaseId)).Append(" #").Append(c.Repeat + 1).Append("</td><td><pre>")
                .Append(E(c.Error ?? c.Outputs ?? "")).Append("</pre></td><td>");
            foreach (var score in c.Scores)
                html.Append(score.Passed ? "✓ " : "✗ ").Append(E(score.Scorer)).Append(": ").Append(E(score.Reason ?? "")).Append("<br>");
            html.Append("</td><td>").Append(Number(c.LatencyMs)).Append(" ms</td><td>").Append(E(c.RunId)).Append("</td></tr>");
        }
        return html.Append("</table></body></html>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
    private static string Percent(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);
}
