using MudBlazor;
using WorkflowStudio.Evaluation.Scoring;
using WorkflowStudio.Studio.Evaluations;
using WorkflowStudio.Web.Evaluations;

namespace WorkflowStudio.Web.Tests.Evaluations;

/// <summary>Starting, reading and comparing evaluations in the browser, over real storage and the real engine.</summary>
public sealed class EvaluationsViewTests : StudioTestContext, IDisposable
{
    private readonly EvaluationStudioData _data = new();

    public EvaluationsViewTests()
    {
        _data.AddTo(Services);
        _data.ImportFruitAsync().GetAwaiter().GetResult();
    }

    void IDisposable.Dispose() => _data.Dispose();

    private async Task<string> EvaluateAsync(int datasetVersion = 1)
    {
        var record = await _data.Coordinator.StartAsync(new EvaluationStart("echo", null, null, "fruit", datasetVersion, [ScorerSpec.Parse("contains")]));
        return record.Id;
    }

    private IRenderedComponent<EvaluationView> RenderCompleted(string evaluationId)
    {
        var view = Render<EvaluationView>(p => p.Add(c => c.EvaluationId, evaluationId));
        // The view follows the evaluation while it runs and reads its results from storage when it ends.
        view.WaitForAssertion(() => Assert.Equal("completed", view.Find("[data-testid=evaluation-view]").GetAttribute("data-status")));
        view.WaitForAssertion(() => Assert.Equal(2, view.FindAll("[data-testid^=result-]").Count));
        return view;
    }

    /// <summary>Evaluates echo v1, saves v2 answering with <paramref name="answer"/>, evaluates it, and compares the two.</summary>
    private async Task<(string Before, string After, IRenderedComponent<ComparisonView> View)> CompareWithVersion2Async(string answer)
    {
        var before = await EvaluateAsync();
        RenderCompleted(before);
        await _data.Library.SaveAsync(new WorkflowStudio.Core.Building.WorkflowBuilder("echo", "Echo").Input("question")
            .Output("answer", answer).Edge("question", "answer").Build());
        var after = (await _data.Coordinator.StartAsync(new EvaluationStart("echo", 2, null, "fruit", 1, [ScorerSpec.Parse("contains")]))).Id;
        RenderCompleted(after);
        return (before, after, Render<ComparisonView>(p => p.Add(c => c.BaselineId, before).Add(c => c.CandidateId, after).Add(c => c.WorkflowId, "echo")));
    }

    [Fact]
    public void The_start_form_runs_the_latest_version_over_the_newest_dataset_with_the_chosen_scorer()
    {
        EvaluationRecordHolder started = new();
        var form = Render<StartEvaluationForm>(p => p.Add(c => c.WorkflowId, "echo").Add(c => c.Started, r => started.Record = r));
        form.WaitForAssertion(() => Assert.False(form.Find("[data-testid=evaluation-run]").HasAttribute("disabled")));

        form.Find("[data-testid=evaluation-run]").Click();

        form.WaitForAssertion(() => Assert.NotNull(started.Record));
        Assert.Equal(("echo", 1, "fruit", 1), (started.Record!.WorkflowId, started.Record.VersionNumber, started.Record.DatasetId, started.Record.DatasetVersion));
        Assert.Contains("\"contains\"", started.Record.SpecJson);
        RenderCompleted(started.Record.Id);
    }

    [Fact]
    public async Task A_bad_scorer_argument_is_refused_with_the_reason_and_nothing_starts()
    {
        var form = Render<StartEvaluationForm>(p => p.Add(c => c.WorkflowId, "echo"));
        form.WaitForAssertion(() => Assert.False(form.Find("[data-testid=evaluation-run]").HasAttribute("disabled")));
        var scorer = form.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Type");
        await form.InvokeAsync(() => scorer.Instance.ValueChanged.InvokeAsync("levenshtein"));
        form.Find("input[data-testid=evaluation-scorer-0-argument], [data-testid=evaluation-scorer-0-argument] input").Change("ten");

        form.Find("[data-testid=evaluation-run]").Click();

        form.WaitForAssertion(() => Assert.Contains("should be a number", form.Find("[data-testid=evaluation-start-error]").TextContent));
        Assert.Empty(await _data.Coordinator.ListAsync("echo"));
    }

    [Fact]
    public async Task Results_show_the_summary_filter_by_verdict_and_a_case_opens_with_its_expected_value_scores_and_trace_link()
    {
        var view = RenderCompleted(await EvaluateAsync());

        Assert.Equal("0.5", view.Find("[data-testid=evaluation-summary]").GetAttribute("data-pass-rate"));
        Assert.Contains("50.0%", view.Find("[data-testid=figure-pass-rate]").TextContent);
        Assert.NotNull(view.Find("[data-testid=scorer-contains]"));
        Assert.NotNull(view.Find("[data-testid=evaluation-chart]"));

        var filter = view.FindComponent<MudToggleGroup<string>>();
        await view.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync("failed"));
        view.WaitForAssertion(() => Assert.Equal(["result-b-0"], view.FindAll("[data-testid^=result-]").Select(r => r.GetAttribute("data-testid"))));

        view.Find("[data-testid=result-b-0]").Click();

        view.WaitForAssertion(() => Assert.Equal("b", view.Find("[data-testid=case-drawer-content]").GetAttribute("data-case")));
        Assert.Contains("plums", view.Find("[data-testid=case-expected]").TextContent);
        Assert.Contains("Answer: pears", view.Find("[data-testid=case-outputs]").TextContent);
        Assert.Equal("false", view.Find("[data-testid=case-score-contains]").GetAttribute("data-passed"));
        var run = (await _data.Coordinator.GetResultsAsync(view.Instance.EvaluationId)).Single(r => r.CaseId == "b").RunId;
        Assert.Equal($"/designer/echo?run={run}", view.Find("[data-testid=case-trace]").GetAttribute("href"));
    }

    [Fact]
    public async Task Comparing_two_evaluations_lists_the_regressed_case_first_with_the_scorer_delta()
    {
        var before = await EvaluateAsync();
        RenderCompleted(before);
        await _data.ImportFruitAsync("id,question,expected\na,apples,kiwis\nb,pears,pears\n");
        var after = await EvaluateAsync(datasetVersion: 2);
        RenderCompleted(after);
        var evaluations = await _data.Coordinator.ListAsync("echo");

        var compare = Render<EvaluationCompare>(p => p.Add(c => c.Evaluations, evaluations));
        compare.Find("[data-testid=compare-run]").Click();

        compare.WaitForAssertion(() => Assert.NotNull(compare.Find("[data-testid=compare-scorer-contains]")));
        Assert.Contains("1 regressed · 1 improved", compare.Find("[data-testid=compare-counts]").TextContent);
        Assert.Equal(["regressed", "improved"], compare.FindAll(".compare-case").Select(c => c.GetAttribute("data-change")));
        Assert.Equal("compare-case-a", compare.FindAll(".compare-case")[0].GetAttribute("data-testid"));
        Assert.Contains("[", compare.Find("[data-testid=compare-scorer-contains]").TextContent);
    }

    [Fact]
    public async Task A_changed_case_opens_both_outputs_side_by_side_with_the_changed_words_marked_and_a_trace_each()
    {
        var (_, after, view) = await CompareWithVersion2Async("Answer: {{question}} and plums");
        view.WaitForAssertion(() => Assert.Equal("improved", view.Find("[data-testid=compare-case-b]").GetAttribute("data-change")));
        view.Find("[data-testid=compare-toggle-b]").Click();

        view.WaitForAssertion(() => Assert.NotNull(view.Find("[data-testid=compare-outputs-b]")));
        Assert.Equal("Answer: pears", view.Find("[data-testid=compare-baseline-output]").TextContent);
        Assert.Equal("Answer: pears and plums", view.Find("[data-testid=compare-candidate-output]").TextContent);
        Assert.Empty(view.FindAll("[data-testid=compare-baseline-output] del"));
        Assert.Equal("and plums", view.Find("[data-testid=compare-candidate-output] ins").TextContent.Trim());
        var results = await _data.Coordinator.GetResultsAsync(after);
        Assert.Equal($"/designer/echo?run={results.Single(r => r.CaseId == "b").RunId}", view.Find("[data-testid=compare-candidate-trace]").GetAttribute("href"));

        view.Find("[data-testid=compare-toggle-b]").Click();
        view.WaitForAssertion(() => Assert.Empty(view.FindAll("[data-testid=compare-outputs-b]")));
    }

    [Fact]
    public async Task The_pairwise_judge_reports_wins_and_order_flips_and_an_unknown_judge_is_refused_with_its_reason()
    {
        var (before, after, view) = await CompareWithVersion2Async("{{question}}");
        view.WaitForAssertion(() => Assert.NotNull(view.Find("[data-testid=pairwise-run]")));

        view.Find("input[data-testid=pairwise-model], [data-testid=pairwise-model] input").Change("no-such-model");
        view.Find("[data-testid=pairwise-run]").Click();
        view.WaitForAssertion(() => Assert.Contains("no-such-model", view.Find("[data-testid=pairwise-problem]").TextContent));

        view.Find("input[data-testid=pairwise-model], [data-testid=pairwise-model] input").Change("offline");
        view.Find("[data-testid=pairwise-run]").Click();

        view.WaitForAssertion(() => Assert.Equal("2", view.Find("[data-testid=pairwise-summary]").GetAttribute("data-cases")));
        var expected = await _data.Pairwise.CompareAsync(new PairwiseStart(before, after));
        Assert.Contains($"Candidate better: {expected.CandidateWins} · baseline better: {expected.BaselineWins} · ties: {expected.Ties}, of 2 cases", view.Find("[data-testid=pairwise-summary]").TextContent);
        Assert.Equal(expected.Flips.Count.ToString(), view.Find("[data-testid=pairwise-flips]").GetAttribute("data-flips"));
        Assert.Empty(view.FindAll("[data-testid=pairwise-problem]"));
    }

    private sealed class EvaluationRecordHolder
    {
        public WorkflowStudio.Data.Evaluations.EvaluationRecord? Record { get; set; }
    }
}
