using System.Globalization;
using WorkflowStudio.Evaluation.Reports;

namespace WorkflowStudio.Cli.Commands;

/// <summary>An experiment's comparison table as plain text: a row per variant, the best value of each column starred.</summary>
internal static class ExperimentPrinter
{
    public static void Print(ExperimentReport report, TextWriter output)
    {
        var table = report.Table;
        output.WriteLine($"{report.WorkflowId} v{report.WorkflowVersion} × {report.DatasetId}: {table.Rows.Count} variants (* best)");
        var header = new[] { "variant" }.Concat(table.Columns.Select(c => c.Title)).ToList();
        var rows = table.Rows.Select((row, r) => new[] { row.Variant }.Concat(row.Values.Select((v, c) =>
            (v?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-") + (table.IsBest(r, c) ? "*" : ""))).ToList()).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToList();
        output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows) output.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        foreach (var variant in report.Variants)
            foreach (var t in variant.Thresholds)
                output.WriteLine($"{(t.Passed ? "ok  " : "FAIL")} {variant.Variant}: {t.Expression}: {t.Reason}");
    }
}
