using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Evaluation.Running;
using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Evaluation.Tests;

/// <summary>Cases start before their runs' rows are stored; a run the store refuses must still fail the evaluation.</summary>
public sealed class RunCreationFailureTests : IAsyncLifetime
{
    /// <summary>The studio's sink, except that the run of one question names a version that does not exist.</summary>
    private sealed class RefusingSink(SqliteRunEventSink inner, string refusedQuestion) : IRunEventSink
    {
        public void Write(RunEvent runEvent) => inner.Write(runEvent);
        public Task CreateRunAsync(NewRun run, CancellationToken ct = default) =>
            inner.CreateRunAsync(run.Inputs["question"] == refusedQuestion ? run with { VersionNumber = 99 } : run, ct);
        public Task WriteAlongAsync(Func<Task> write, CancellationToken ct = default) => inner.WriteAlongAsync(write, ct);
        public Task FlushAsync(CancellationToken ct = default) => inner.FlushAsync(ct);
    }

    private sealed class AnswerModel : IModelGateway
    {
        public ValueTask<ModelResponse> CompleteAsync(ModelRequest request, Action<string>? onDelta, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new ModelResponse("answer-" + request.Messages[^1].Content.Split(' ')[^1], request.Model));
    }

    private readonly Harness _h = Harness.Services(new AnswerModel(), replace: services =>
        services.AddSingleton<IRunEventSink>(sp => new RefusingSink(sp.GetRequiredService<SqliteRunEventSink>(), "question 3")));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_run_the_store_refuses_fails_the_evaluation_and_its_case_keeps_no_result()
    {
        var version = await _h.SaveAsync(Harness.QuestionAnswer());
        var data = await _h.DatasetAsync("numbers", Enumerable.Range(1, 5).Select(i => Harness.Case($"c{i}", $"question {i}", $"answer-{i}")));
        var spec = new EvaluationSpec { Scorers = [ScorerSpec.Parse("contains")], Concurrency = 2 };
        var evaluation = await _h.Evaluations.CreateAsync(new EvaluationRequest("qa", version, "numbers", data.Number, spec, "ada"));

        await Assert.ThrowsAnyAsync<Exception>(() => _h.Evaluations.RunAsync(evaluation.Id));

        var store = _h.GetService<IEvaluationStore>();
        Assert.Equal(EvaluationStatus.Failed, (await store.GetAsync(evaluation.Id))!.Status);
        Assert.DoesNotContain(await store.GetResultsAsync(evaluation.Id), r => r.CaseId == "c3");
    }
}
