using System.Globalization;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Evaluation.Datasets;
using WorkflowStudio.Evaluation.Running;
using WorkflowStudio.Evaluation.Scoring;
using WorkflowStudio.Evaluation.Statistics;
using WorkflowStudio.Studio.Security;

namespace WorkflowStudio.Studio.Evaluations;

/// <summary>
/// Judge calibration: a person labels a sample of one scorer's verdicts by hand, and the scorer's agreement with them,
/// Cohen's κ and the confusion table say whether it can stand in for that person. Labels are kept per labeller.
/// </summary>
public sealed class JudgeCalibration(IEvaluationStore evaluations, IDatasetStore datasets, ICalibrationStore labels, EvaluationService engine)
{
    /// <summary>Fewer labels than this say too little, whatever κ they give.</summary>
    public const int MinimumLabels = 10;
    public const int DefaultSampleSize = 50;
    private const string Pass = "pass", Fail = "fail";

    /// <summary>
    /// Up to <paramref name="size"/> cases the scorer judged (cases whose run failed were not judged and are left out), in a
    /// fixed pseudo-random order that alternates the scorer's passes and fails, so a few labels already see both verdicts.
    /// Without <paramref name="scorer"/>, the first judge-like scorer (a judge or a workflow scorer), else the first.
    /// </summary>
    public async Task<CalibrationSample> SampleAsync(string evaluationId, string? scorer, string labeller, int size = DefaultSampleSize, CancellationToken ct = default)
    {
        var record = await evaluations.GetAsync(evaluationId, ct) ?? throw new StoreException($"There is no evaluation '{evaluationId}'.", StoreErrorKind.NotFound);
        var scorers = EvaluationSpec.FromJson(record.SpecJson).Scorers;
        var names = scorers.Select(s => s.DisplayName).ToList();
        var chosen = scorer ?? scorers.FirstOrDefault(s => s.Type is ScorerTypes.Judge or ScorerTypes.Workflow)?.DisplayName ?? names.FirstOrDefault()
            ?? throw new StoreException($"Evaluation '{evaluationId}' has no scorers.");
        if (!names.Contains(chosen)) throw new StoreException($"Evaluation '{evaluationId}' has no scorer '{chosen}'.", StoreErrorKind.NotFound);

        var judged = new List<(CaseResult Result, ScoreResult Score)>();
        await foreach (var result in engine.ReadResultsAsync(evaluationId, ct))
            if (result.Error is null && result.Scores.FirstOrDefault(s => s.Scorer == chosen) is { } score) judged.Add((result, score));
        var picked = Interleave(judged.Where(j => j.Score.Passed), judged.Where(j => !j.Score.Passed), evaluationId).Take(Math.Clamp(size, 1, 500)).ToList();

        var wanted = picked.Select(p => p.Result.Ordinal).ToHashSet();
        var cases = new Dictionary<int, DatasetCase>();
        await foreach (var stored in datasets.ReadCasesAsync(record.DatasetId, record.DatasetVersion, ct))
            if (wanted.Contains(stored.Ordinal)) cases[stored.Ordinal] = stored.Case;
        var given = (await labels.GetLabelsAsync(evaluationId, chosen, labeller, ct)).ToDictionary(l => (l.Ordinal, l.Repeat), l => l.Passed);

        return new CalibrationSample(evaluationId, chosen, names, [.. picked.Select(p =>
        {
            var c = cases.GetValueOrDefault(p.Result.Ordinal);
            var expected = c is null ? new Dictionary<string, string>()
                : DatasetColumns.FromCase(c).Where(x => x.Column.StartsWith("expected", StringComparison.Ordinal) || x.Column.StartsWith("step.", StringComparison.Ordinal))
                    .ToDictionary(x => x.Column, x => x.Value, StringComparer.Ordinal);
            return new CalibrationCase(p.Result.Ordinal, p.Result.Repeat, p.Result.CaseId, p.Result.RunId, c?.Inputs ?? DatasetCase.EmptyMap, expected,
                OutputText.OfOutputs(p.Result.OutputsJson), p.Score.Passed, p.Score.Value, p.Score.Reason, given.TryGetValue((p.Result.Ordinal, p.Result.Repeat), out var label) ? label : null);
        })]);
    }

    /// <summary>Stores the labeller's verdict on a case (null clears it: a skip). Viewers may read calibration but not label.</summary>
    public async Task LabelAsync(CalibrationKey key, string labeller, bool? passed, StudioRole role = StudioRole.Owner, CancellationToken ct = default)
    {
        WorkflowPermissions.EnsureMayEditData(role, "label cases");
        await labels.SetLabelAsync(key, labeller, passed, ct);
    }

    public async Task<CalibrationReport> ReportAsync(string evaluationId, string scorer, string labeller, CancellationToken ct = default) =>
        Report(await labels.GetLabelsAsync(evaluationId, scorer, labeller, ct));

    /// <summary>Agreement, κ and confusion of the labels with the scorer; trusted only at κ ≥ 0.6 over at least <see cref="MinimumLabels"/> labels of both verdicts.</summary>
    public static CalibrationReport Report(IReadOnlyList<CalibrationLabel> given)
    {
        var confusion = new CalibrationConfusion(
            given.Count(l => l.Passed && l.ScorerPassed), given.Count(l => !l.Passed && l.ScorerPassed),
            given.Count(l => l.Passed && !l.ScorerPassed), given.Count(l => !l.Passed && !l.ScorerPassed));
        if (given.Count == 0) return new CalibrationReport(0, 0, null, confusion, false, $"Not yet trusted: label at least {MinimumLabels} cases.");

        var agreement = CohenKappa.Compute([.. given.Select(l => l.Passed ? Pass : Fail)], [.. given.Select(l => l.ScorerPassed ? Pass : Fail)]);
        var kappa = agreement.Kappa.ToString("0.00", CultureInfo.InvariantCulture);
        var (trusted, verdict) = given.Count < MinimumLabels
            ? (false, $"Not yet trusted: {given.Count} of the {MinimumLabels} labels needed at least.")
            : given.All(l => l.Passed == given[0].Passed)
                ? (false, $"Not yet trusted: every label so far is '{(given[0].Passed ? Pass : Fail)}', so κ cannot tell this scorer from one that always says so; label cases of both verdicts.")
                : agreement.Trusted
                    ? (true, $"Trusted: κ = {kappa} over {given.Count} labels (at least {Agreement.TrustedKappa:0.0} needed).")
                    : (false, $"Not yet trusted: κ = {kappa} is below {Agreement.TrustedKappa:0.0}; the scorer agrees with you little beyond chance. Refine its rubric, or label more cases.");
        return new CalibrationReport(given.Count, agreement.Observed, agreement.Kappa, confusion, trusted, verdict);
    }

    // Alternating passes and fails, each in an order fixed by the evaluation, case and repeat (not string.GetHashCode, which changes per process).
    private static IEnumerable<(CaseResult Result, ScoreResult Score)> Interleave(
        IEnumerable<(CaseResult Result, ScoreResult Score)> passes, IEnumerable<(CaseResult Result, ScoreResult Score)> fails, string evaluationId)
    {
        using var p = passes.OrderBy(j => Shuffle(evaluationId, j.Result)).GetEnumerator();
        using var f = fails.OrderBy(j => Shuffle(evaluationId, j.Result)).GetEnumerator();
        bool morePasses = p.MoveNext(), moreFails = f.MoveNext();
        while (morePasses || moreFails)
        {
            if (morePasses) { yield return p.Current; morePasses = p.MoveNext(); }
            if (moreFails) { yield return f.Current; moreFails = f.MoveNext(); }
        }
    }

    private static ulong Shuffle(string evaluationId, CaseResult result)
    {
        // FNV-1a: stable across processes, so a labeller who comes back meets the same sample.
        var hash = 14695981039346656037UL;
        foreach (var ch in $"{evaluationId}:{result.Ordinal}:{result.Repeat}") hash = (hash ^ ch) * 1099511628211UL;
        return hash;
    }
}
