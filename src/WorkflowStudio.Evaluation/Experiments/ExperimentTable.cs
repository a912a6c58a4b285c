using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Evaluation.Running;

namespace WorkflowStudio.Evaluation.Experiments;

/// <summary>A measure compared across the variants of an experiment.</summary>
public sealed record ExperimentColumn(string Title, bool HigherIsBetter);

/// <summary>One variant's evaluation and its measures, in the order of <see cref="ExperimentTable.Columns"/> (null: nothing measured yet).</summary>
public sealed record ExperimentRow(string Variant, EvaluationRecord Evaluation, EvaluationSummary Summary, IReadOnlyList<double?> Values);

/// <summary>
/// The comparison table of an experiment: per variant the overall pass rate, each scorer's mean and pass rate, cost and
/// latency, with the best value of each column marked.
/// </summary>
public sealed record ExperimentTable(string ExperimentId, IReadOnlyList<ExperimentColumn> Columns, IReadOnlyList<ExperimentRow> Rows)
{
    private const double Tolerance = 1e-9;

    /// <summary>
    /// Whether the row holds the column's best value. Ties are all best; a column where every variant measured the same
    /// has no best, since marking it would say nothing.
    /// </summary>
    public bool IsBest(int row, int column)
    {
        var values = Rows.Select(r => r.Values[column]).OfType<double>().Where(v => !double.IsNaN(v)).ToList();
        if (values.Count < 2 || values.Max() - values.Min() < Tolerance) return false;
        var best = Columns[column].HigherIsBetter ? values.Max() : values.Min();
        return Rows[row].Values[column] is { } value && Math.Abs(value - best) < Tolerance;
    }

    public static ExperimentTable Build(string experimentId, IReadOnlyList<(EvaluationRecord Evaluation, EvaluationSummary Summary)> cells)
    {
        var scorers = cells.SelectMany(c => c.Summary.Scorers.Select(s => s.Scorer)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var columns = new List<ExperimentColumn> { new("Pass rate", true) };
        foreach (var scorer in scorers) columns.AddRange([new($"{scorer} mean", true), new($"{scorer} pass rate", true)]);
        columns.AddRange([new("Cost", false), new("p50 ms", false), new("p95 ms", false)]);

        var rows = cells.Select(c =>
        {
            var s = c.Summary;
            var measured = s.Done > 0;
            var values = new List<double?> { measured ? s.PassRate : null };
            foreach (var scorer in scorers)
            {
                var found = s.Scorers.FirstOrDefault(x => x.Scorer == scorer);
                values.AddRange([found?.Mean, found is { Count: > 0 } ? found.PassRate : null]);
            }
            values.AddRange([measured ? (double)s.Cost : null, measured ? s.P50LatencyMs : null, measured ? s.P95LatencyMs : null]);
            return new ExperimentRow(c.Evaluation.Variant ?? c.Evaluation.Id, c.Evaluation, s, values);
        }).ToList();
        return new ExperimentTable(experimentId, columns, rows);
    }
}
