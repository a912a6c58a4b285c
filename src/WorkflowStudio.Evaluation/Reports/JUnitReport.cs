using System.Globalization;
using System.Xml.Linq;

namespace WorkflowStudio.Evaluation.Reports;

/// <summary>JUnit XML, which every CI shows as tests: a test case per case × repeat, and one per threshold.</summary>
public static class JUnitReport
{
    public static XDocument Build(EvaluationReport report)
    {
        var cases = report.Cases.Select(c => TestCase(report.WorkflowId, $"{c.CaseId}#{c.Repeat + 1}", c.LatencyMs / 1000,
            c.Passed ? null : c.Error ?? string.Join("; ", c.Scores.Where(s => !s.Passed).Select(s => $"{s.Scorer}: {s.Reason}")),
            c.Passed ? null : $"run {c.RunId}\n{c.Outputs}")).ToList();
        var thresholds = report.Thresholds.Select(t => TestCase("thresholds", t.Expression, 0, t.Passed ? null : t.Reason, null)).ToList();
        return new XDocument(new XElement("testsuites",
            new XAttribute("name", "studio eval"),
            new XAttribute("tests", cases.Count + thresholds.Count),
            new XAttribute("failures", report.Cases.Count(c => !c.Passed) + report.Thresholds.Count(t => !t.Passed)),
            Suite($"{report.WorkflowId} v{report.WorkflowVersion} × {report.DatasetId} v{report.DatasetVersion}", cases),
            Suite("thresholds", thresholds)));
    }

    private static XElement Suite(string name, List<XElement> cases) => new("testsuite",
        new XAttribute("name", name),
        new XAttribute("tests", cases.Count),
        new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
        cases);

    private static XElement TestCase(string className, string name, double seconds, string? failure, string? details) => new("testcase",
        new XAttribute("classname", className),
        new XAttribute("name", name),
        new XAttribute("time", seconds.ToString("0.###", CultureInfo.InvariantCulture)),
        failure is null ? null : new XElement("failure", new XAttribute("message", failure), details ?? failure));
}
