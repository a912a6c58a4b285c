using System.Text.RegularExpressions;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Evaluation.Comparison;
using WorkflowStudio.Evaluation.Running;
using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Evaluation.Tests;

public sealed class EvaluationServiceTests : IAsyncLifetime
{
    /// <summary>Answers "answer-N" for "question N", except numbers listed in <see cref="Wrong"/>; "hang" waits until released or cancelled.</summary>
    private sealed class NumberModel : IModelGateway
    {
        public HashSet<int> Wrong { get; } = [];
        public TaskCompletionSource Release { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Calls;

        public async ValueTask<ModelResponse> CompleteAsync(ModelRequest request, Action<string>? onDelta, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            var prompt = request.Messages[^1].Content;
            if (prompt.Contains("hang")) await Release.Task.WaitAsync(cancellationToken);
            var n = int.Parse(Regex.Match(prompt, @"\d+").Value);
            var text = Wrong.Contains(n) ? $"no idea about {n}" : $"answer-{n}";
            return new ModelResponse(text, request.Model) { InputTokens = 10, OutputTokens = 2, Cost = 0.001m };
        }
    }

    private readonly NumberModel _model = new();
    private readonly Harness _h;

    public EvaluationServiceTests() => _h = Harness.Services(_model);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static EvaluationSpec Spec(params string[] scorers) => new() { Scorers = [.. scorers.Select(ScorerSpec.Parse)], Concurrency = 4 };

    private async Task<EvaluationRecord> CreateAsync(EvaluationSpec spec, int cases = 10, string dataset = "numbers")
    {
        var version = await _h.SaveAsync(Harness.QuestionAnswer());
        var data = await _h.DatasetAsync(dataset, Enumerable.Range(1, cases).Select(i => Harness.Case($"c{i}", $"question {i}", $"answer-{i}")));
        return await _h.Evaluations.CreateAsync(new EvaluationRequest("qa", version, dataset, data.Number, spec, "ada"));
    }

    [Fact]
    public async Task Every_case_is_run_scored_and_stored_with_its_run_and_trace()
    {
        _model.Wrong.UnionWith([3, 7]);
        var evaluation = await CreateAsync(Spec("exact", "contains", @"regex:^answer-\d+$", "levenshtein:3"));
        var reports = new List<EvaluationProgress>();
        var summary = await _h.Evaluations.RunAsync(evaluation.Id, new SyncProgress<EvaluationProgress>(p => { lock (reports) reports.Add(p); }));

        Assert.Equal((EvaluationStatus.Completed, 10, 10, 8, 0), (summary.Status, summary.Total, summary.Done, summary.Passed, summary.Errors));
        Assert.Equal(0.8, summary.PassRate);
        Assert.Equal(0.010m, summary.Cost);
        Assert.Equal(120, summary.InputTokens + summary.OutputTokens);
        Assert.Equal(["contains", "exact", "levenshtein", "regex"], summary.Scorers.Select(s => s.Scorer));
        Assert.All(summary.Scorers, s => Assert.Equal((10, 8), (s.Count, s.Passed)));
        Assert.Equal(10, reports.Count);
        Assert.Equal(10, reports.Max(r => r.Done));

        var results = await _h.GetService<IEvaluationStore>().GetResultsAsync(evaluation.Id);
        var wrong = Assert.Single(results, r => r.CaseId == "c3");
        Assert.False(wrong.Passed);
        Assert.Contains("\"no idea about 3\"", wrong.Scores.Single(s => s.Scorer == "exact").Reason);
        var run = await _h.GetService<IRunStore>().GetRunAsync(wrong.RunId);
        Assert.Equal(RunStatus.Succeeded, run!.Status);
        var events = await _h.GetService<IRunStore>().GetEventsAsync(wrong.RunId);
        Assert.IsType<RunStarted>(events[0]);
        Assert.IsType<RunCompleted>(events[^1]);
    }

    [Fact]
    public async Task A_case_asks_for_the_whole_answer_so_a_streaming_prompt_stores_no_chunk_events()
    {
        var streamed = new List<(bool Stream, bool OnDelta)>();
        var model = new ScriptedModelGateway();
        var recording = new RecordingModel(model, (request, onDelta) => { lock (streamed) streamed.Add((request.Stream, onDelta is not null)); });
        await using var h = Harness.Services(recording);
        var workflow = new WorkflowBuilder("qs", "Q&A, streamed")
            .Input("question")
            .Prompt("answer", p => p.User("{{question}}").Stream())
            .Output("result", "{{answer.text}}")
            .Edge("question", "answer").Edge("answer", "result")
            .Build();
        var version = await h.SaveAsync(workflow);
        var data = await h.DatasetAsync("words", [Harness.Case("c1", "three short words", "Answer: three short words")]);
        var evaluation = await h.Evaluations.CreateAsync(new EvaluationRequest("qs", version, "words", data.Number, Spec("exact"), "ada"));

        var summary = await h.Evaluations.RunAsync(evaluation.Id);

        Assert.Equal(1, summary.Passed);
        Assert.Equal([(false, false)], streamed);
        var result = Assert.Single(await h.GetService<IEvaluationStore>().GetResultsAsync(evaluation.Id));
        var events = await h.GetService<IRunStore>().GetEventsAsync(result.RunId);
        Assert.DoesNotContain(events, e => e is NodeDelta);
        Assert.Equal("Answer: three short words", events.OfType<NodeCompleted>().Single(e => e.NodeId == "answer").Outputs["text"]?.ToString());
    }

    private sealed class RecordingModel(IModelGateway inner, Action<ModelRequest, Action<string>?> record) : IModelGateway
    {
        public ValueTask<ModelResponse> CompleteAsync(ModelRequest request, Action<string>? onDelta, CancellationToken cancellationToken)
        {
            record(request, onDelta);
            return inner.CompleteAsync(request, onDelta, cancellationToken);
        }

        public string? CheckModel(string model) => inner.CheckModel(model);
    }

    [Fact]
    public async Task A_cancelled_evaluation_keeps_what_finished_and_a_resume_runs_only_the_rest()
    {
        var version = await _h.SaveAsync(Harness.QuestionAnswer());
        var cases = Enumerable.Range(1, 6).Select(i => Harness.Case($"c{i}", i % 2 == 0 ? $"hang {i}" : $"question {i}", $"answer-{i}"));
        var data = await _h.DatasetAsync("mixed", cases);
        var evaluation = await _h.Evaluations.CreateAsync(new EvaluationRequest("qa", version, "mixed", data.Number, Spec("exact") with { Concurrency = 6 }, "ada"));

        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgress<EvaluationProgress>(p => { if (p.Done == 3) cancel.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.Evaluations.RunAsync(evaluation.Id, progress, cancel.Token));
        Assert.Equal(EvaluationStatus.Cancelled, (await _h.GetService<IEvaluationStore>().GetAsync(evaluation.Id))!.Status);
        Assert.Equal(3, (await _h.GetService<IEvaluationStore>().GetFinishedAsync(evaluation.Id)).Count);

        _model.Release.SetResult();
        var callsBefore = _model.Calls;
        var summary = await _h.Evaluations.RunAsync(evaluation.Id);
        Assert.Equal(3, _model.Calls - callsBefore);
        Assert.Equal((EvaluationStatus.Completed, 6, 6), (summary.Status, summary.Done, summary.Passed));
    }

    [Fact]
    public async Task A_case_over_its_time_limit_fails_with_the_reason_and_the_rest_go_on()
    {
        var version = await _h.SaveAsync(Harness.QuestionAnswer());
        var data = await _h.DatasetAsync("slow", [Harness.Case("ok", "question 1", "answer-1"), Harness.Case("slow", "hang 2", "answer-2")]);
        var spec = Spec("exact") with { CaseTimeoutSeconds = 0.3 };
        var evaluation = await _h.Evaluations.CreateAsync(new EvaluationRequest("qa", version, "slow", data.Number, spec, "ada"));
        var summary = await _h.Evaluations.RunAsync(evaluation.Id);
        Assert.Equal((2, 1, 1), (summary.Done, summary.Passed, summary.Errors));
        var slow = (await _h.GetService<IEvaluationStore>().GetResultsAsync(evaluation.Id)).Single(r => r.CaseId == "slow");
        Assert.StartsWith("time_limit", slow.Error);
        Assert.Contains("did not complete", slow.Scores[0].Reason);
    }

    [Fact]
    public async Task Repeats_run_every_case_again_and_flaky_cases_are_found()
    {
        var evaluation = await CreateAsync(Spec("exact") with { Repeats = 3 }, cases: 4);
        var summary = await _h.Evaluations.RunAsync(evaluation.Id);
        Assert.Equal((12, 12), (summary.Total, summary.Done));
        Assert.Equal(12, _model.Calls);
    }

    [Fact]
    public async Task A_per_step_check_reads_that_steps_output_against_the_cases_expected_value_for_it()
    {
        var workflow = new WorkflowBuilder("triage", "Triage")
            .Input("question")
            .Prompt("classify", p => p.User("Classify {{question}}").Stream(false))
            .Prompt("reply", p => p.User("Reply to {{question}}").Stream(false))
            .Output("result", "{{reply.text}}")
            .Edge("question", "classify").Edge("classify", "reply").Edge("reply", "result")
            .Build();
        var version = await _h.SaveAsync(workflow);
        _model.Wrong.Add(2);
        var data = await _h.DatasetAsync("steps",
        [
            new DatasetCase("c1", new Dictionary<string, string> { ["question"] = "1" }, DatasetCase.EmptyMap) { StepExpected = new Dictionary<string, string> { ["classify"] = "answer-1" } },
            new DatasetCase("c2", new Dictionary<string, string> { ["question"] = "2" }, DatasetCase.EmptyMap) { StepExpected = new Dictionary<string, string> { ["classify"] = "answer-2" } },
        ]);
        var spec = new EvaluationSpec { Scorers = [new ScorerSpec("exact") { Step = "classify" }] };
        var evaluation = await _h.Evaluations.CreateAsync(new EvaluationRequest("triage", version, "steps", data.Number, spec, "ada"));
        var summary = await _h.Evaluations.RunAsync(evaluation.Id);
        Assert.Equal("exact@classify", Assert.Single(summary.Scorers).Scorer);
        Assert.Equal(1, summary.Passed);
    }

    [Fact]
    public async Task Bad_specs_are_refused_before_anything_runs()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => CreateAsync(Spec()));
        Assert.Contains("named 'exact'", (await Assert.ThrowsAsync<ArgumentException>(() => CreateAsync(Spec("exact", "exact")))).Message);
        Assert.Contains("step 'ghost'", (await Assert.ThrowsAsync<ArgumentException>(() => CreateAsync(new EvaluationSpec { Scorers = [new ScorerSpec("exact") { Step = "ghost" }] }))).Message);
        Assert.Contains("Concurrency", (await Assert.ThrowsAsync<ArgumentException>(() => CreateAsync(Spec("exact") with { Concurrency = 0 }))).Message);
        Assert.Equal(0, _model.Calls);
    }

    [Fact]
    public async Task A_model_override_reaches_every_prompt()
    {
        var models = new List<string>();
        await using var h = Harness.Services(new ScriptedModelGateway(r => { lock (models) models.Add(r.Model); return "x"; }));
        var version = await h.SaveAsync(Harness.QuestionAnswer());
        var data = await h.DatasetAsync("d", [Harness.Case("c1", "q", "x")]);
        var evaluation = await h.Evaluations.CreateAsync(new EvaluationRequest("qa", version, "d", data.Number, Spec("exact") with { ModelOverride = "other" }, "ada"));
        await h.Evaluations.RunAsync(evaluation.Id);
        Assert.Equal(["other"], models);
    }

    [Fact]
    public async Task Comparing_two_evaluations_lists_the_regressions_first()
    {
        var before = await CreateAsync(Spec("exact", "contains"));
        await _h.Evaluations.RunAsync(before.Id);
        _model.Wrong.UnionWith([2, 5]);
        var version = await _h.SaveAsync(Harness.QuestionAnswer());
        var after = await _h.Evaluations.CreateAsync(new EvaluationRequest("qa", version, "numbers", 1, Spec("exact", "contains"), "ada"));
        await _h.Evaluations.RunAsync(after.Id);

        var comparison = await _h.Evaluations.CompareAsync(before.Id, after.Id);
        Assert.Equal(2, comparison.Regressed);
        Assert.Equal(["c2", "c5"], comparison.Cases.Take(2).Select(c => c.CaseId).Order());
        Assert.All(comparison.Cases.Skip(2), c => Assert.Equal(CaseChange.Unchanged, c.Change));
        var exact = comparison.Scorers.Single(s => s.Scorer == "exact");
        Assert.Equal((1.0, 0.8, -0.2), (exact.BaselineMean, exact.CandidateMean, Math.Round(exact.Delta, 9)));
        Assert.True(exact.Interval.High <= 0);
    }
}
