using System.Text;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Evaluation.Datasets;
using WorkflowStudio.Evaluation.Running;
using WorkflowStudio.Evaluation.Scoring;
using WorkflowStudio.Studio.Evaluations;
using WorkflowStudio.Studio.Security;
using WorkflowStudio.Studio.Workflows;

namespace WorkflowStudio.Studio.Tests.Evaluations;

/// <summary>Hand labels against a scorer's verdicts, stored in SQLite, with agreement, κ and the confusion table computed from them.</summary>
public sealed class JudgeCalibrationTests : IDisposable
{
    private readonly StudioHost _host = new();
    private JudgeCalibration Calibration => _host.Get<JudgeCalibration>();
    private string _evaluationId = "";

    public void Dispose() => _host.Dispose();

    /// <summary>Twelve cases of an echo workflow: "contains" passes p0–p5 (the reply repeats the expected word) and fails f0–f5.</summary>
    private async Task EvaluateAsync()
    {
        await _host.Get<WorkflowLibrary>().SaveAsync(new WorkflowBuilder("echo", "Echo").Input("question").Output("answer", "Answer: {{question}}").Edge("question", "answer").Build());
        var csv = new StringBuilder("id,question,expected\n");
        for (var i = 0; i < 6; i++) csv.Append($"p{i},word{i},word{i}\n");
        for (var i = 0; i < 6; i++) csv.Append($"f{i},word{i},other{i}\n");
        await _host.Get<DatasetWorkbench>().ImportAsync("words", "Words", Encoding.UTF8.GetBytes(csv.ToString()), DatasetFormat.Csv);
        var engine = _host.Get<EvaluationService>();
        var record = await engine.CreateAsync(new EvaluationRequest("echo", 1, "words", 1, new EvaluationSpec { Scorers = [ScorerSpec.Parse("contains")] }, "tester"));
        await engine.RunAsync(record.Id);
        _evaluationId = record.Id;
    }

    private async Task LabelAsync(string caseId, bool? passed, string labeller = "ada")
    {
        var sample = await Calibration.SampleAsync(_evaluationId, null, labeller);
        var c = sample.Cases.Single(c => c.CaseId == caseId);
        await Calibration.LabelAsync(new CalibrationKey(_evaluationId, c.Ordinal, c.Repeat, sample.Scorer), labeller, passed);
    }

    [Fact]
    public async Task Kappa_and_the_confusion_table_match_a_hand_computed_example_and_trust_needs_kappa_of_0_6()
    {
        await EvaluateAsync();
        // Scorer passes p0–p5: the person agrees on five and fails p5. Scorer fails f0–f5: the person passes f0 and f1.
        foreach (var id in new[] { "p0", "p1", "p2", "p3", "p4", "f0", "f1" }) await LabelAsync(id, true);
        foreach (var id in new[] { "p5", "f2", "f3", "f4", "f5" }) await LabelAsync(id, false);

        var report = await Calibration.ReportAsync(_evaluationId, "contains", "ada");

        // n = 12, observed = 9/12 = 0.75; chance = 7/12·6/12 + 5/12·6/12 = 0.5; κ = (0.75 − 0.5) / (1 − 0.5) = 0.5.
        Assert.Equal(new CalibrationConfusion(BothPass: 5, ScorerPassPersonFail: 1, ScorerFailPersonPass: 2, BothFail: 4), report.Confusion);
        Assert.Equal((12, 0.75), (report.Labels, report.Agreement));
        Assert.Equal(0.5, report.Kappa!.Value, 10);
        Assert.False(report.Trusted);
        Assert.Contains("κ = 0.50 is below 0.6", report.Verdict);

        // Agreeing on p5 as well: observed = 10/12; chance = 8/12·6/12 + 4/12·6/12 = 0.5; κ = (10/12 − 0.5) / 0.5 = 2/3.
        await LabelAsync("p5", true);
        report = await Calibration.ReportAsync(_evaluationId, "contains", "ada");
        Assert.Equal(2.0 / 3, report.Kappa!.Value, 10);
        Assert.Equal(new CalibrationConfusion(6, 0, 2, 4), report.Confusion);
        Assert.True(report.Trusted);
        Assert.StartsWith("Trusted: κ = 0.67 over 12 labels", report.Verdict);
    }

    [Fact]
    public async Task Too_few_labels_or_labels_of_one_verdict_are_not_trusted_a_skip_clears_a_label_and_labels_are_per_labeller()
    {
        await EvaluateAsync();
        foreach (var id in new[] { "p0", "p1", "p2", "p3", "p4", "p5", "f0", "f1", "f2" }) await LabelAsync(id, id.StartsWith('p'));
        var nine = await Calibration.ReportAsync(_evaluationId, "contains", "ada");
        Assert.Equal((9, 1.0, false), (nine.Labels, nine.Kappa, nine.Trusted));
        Assert.Contains("9 of the 10 labels", nine.Verdict);

        await LabelAsync("f2", null);
        Assert.Equal(8, (await Calibration.ReportAsync(_evaluationId, "contains", "ada")).Labels);
        Assert.Null((await Calibration.SampleAsync(_evaluationId, "contains", "ada")).Cases.Single(c => c.CaseId == "f2").Label);

        foreach (var id in new[] { "p0", "p1", "p2", "p3", "p4", "p5", "f0", "f1", "f2", "f3" }) await LabelAsync(id, true, labeller: "bo");
        var onlyPasses = await Calibration.ReportAsync(_evaluationId, "contains", "bo");
        Assert.False(onlyPasses.Trusted);
        Assert.Contains("every label so far is 'pass'", onlyPasses.Verdict);
        Assert.Equal(8, (await Calibration.ReportAsync(_evaluationId, "contains", "ada")).Labels);
    }

    [Fact]
    public async Task The_sample_shows_what_the_scorer_saw_alternates_its_verdicts_and_a_viewer_or_an_unknown_case_is_refused()
    {
        await EvaluateAsync();

        var sample = await Calibration.SampleAsync(_evaluationId, null, "ada");

        Assert.Equal("contains", sample.Scorer);
        Assert.Equal(["contains"], sample.Scorers);
        Assert.Equal(12, sample.Cases.Count);
        Assert.Equal([true, false, true, false], sample.Cases.Take(4).Select(c => c.ScorerPassed));
        var f3 = sample.Cases.Single(c => c.CaseId == "f3");
        Assert.Equal(("word3", "other3", "Answer: word3"), (f3.Inputs["question"], f3.Expected["expected"], f3.Output));
        Assert.False(string.IsNullOrEmpty(f3.ScorerReason));
        Assert.Equal(sample.Cases.Select(c => c.CaseId), (await Calibration.SampleAsync(_evaluationId, null, "ada")).Cases.Select(c => c.CaseId));

        var viewer = await Assert.ThrowsAsync<StoreException>(() => Calibration.LabelAsync(new CalibrationKey(_evaluationId, f3.Ordinal, 0, "contains"), "vic", true, StudioRole.Viewer));
        Assert.Equal(StoreErrorKind.Forbidden, viewer.Kind);
        var missing = await Assert.ThrowsAsync<StoreException>(() => Calibration.LabelAsync(new CalibrationKey(_evaluationId, 99, 0, "contains"), "ada", true));
        Assert.Equal(StoreErrorKind.NotFound, missing.Kind);
        await Assert.ThrowsAsync<StoreException>(() => Calibration.SampleAsync(_evaluationId, "judge", "ada"));
    }
}
