using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Evaluation.Datasets;
using WorkflowStudio.Evaluation.Scoring;
using WorkflowStudio.Studio.Evaluations;
using WorkflowStudio.Studio.Workflows;

namespace WorkflowStudio.Studio.Tests.Evaluations;

/// <summary>An evaluation the studio was stopped in the middle of carries on at the next start, running only what is missing.</summary>
public sealed class EvaluationResumeTests
{
    private const int Cases = 8, DoneBeforeStop = 3;

    /// <summary>Answers the first <paramref name="answered"/> calls at once and holds every later one until it is cancelled.</summary>
    private sealed class StallingModel(int answered) : IModelGateway
    {
        private readonly ScriptedModelGateway _model = new();
        private int _calls;

        public int Calls => _calls;

        public async ValueTask<ModelResponse> CompleteAsync(ModelRequest request, Action<string>? onDelta, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) > answered) await Task.Delay(Timeout.Infinite, cancellationToken);
            return await _model.CompleteAsync(request, onDelta, cancellationToken);
        }
    }

    private static StudioHost Host(StallingModel model, string? folder = null) =>
        new(folder: folder, configure: s => s.AddSingleton<IModelGateway>(model));

    [Fact]
    public async Task An_evaluation_interrupted_by_a_stop_is_resumed_at_the_next_start_and_ends_with_every_case_exactly_once()
    {
        // The test keeps the folder, so the second host opens the same SQLite file.
        var folder = Directory.CreateTempSubdirectory("studio-restart-").FullName;
        var first = Host(new StallingModel(DoneBeforeStop), folder);
        try
        {
            string evaluationId;
            using (first)
            {
                await first.StartAsync();
                await first.Get<WorkflowLibrary>().SaveAsync(new WorkflowBuilder("qa", "Q&A").Input("question")
                    .Prompt("answer", p => p.User("{{question}}").Stream(false)).Output("reply", "{{answer.text}}")
                    .Edge("question", "answer").Edge("answer", "reply").Build());
                var csv = new StringBuilder("id,question,expected\n");
                for (var i = 0; i < Cases; i++) csv.Append($"c{i},question {i},question {i}\n");
                await first.Get<DatasetWorkbench>().ImportAsync("questions", "Questions", Encoding.UTF8.GetBytes(csv.ToString()), DatasetFormat.Csv);
                var coordinator = first.Get<EvaluationCoordinator>();

                var reachedStall = new TaskCompletionSource();
                var record = await coordinator.StartAsync(new EvaluationStart("qa", null, null, "questions", 1, [ScorerSpec.Parse("contains")], Concurrency: 1));
                evaluationId = record.Id;
                var live = coordinator.Follow(evaluationId)!;
                live.Changed += l => { if (l.Progress.Done >= DoneBeforeStop) reachedStall.TrySetResult(); };
                if (live.Progress.Done < DoneBeforeStop) await reachedStall.Task.WaitAsync(TimeSpan.FromMinutes(1));

                await first.StopAsync();

                Assert.Equal(EvaluationStatus.Interrupted, (await coordinator.GetAsync(evaluationId))!.Status);
                Assert.Equal(DoneBeforeStop, (await coordinator.GetResultsAsync(evaluationId)).Count);
            }

            var secondModel = new StallingModel(int.MaxValue);
            using var second = Host(secondModel, folder);
            await second.StartAsync();
            var resumed = second.Get<EvaluationCoordinator>();
            await resumed.Resumption;
            if (resumed.Follow(evaluationId) is { } again) await again.Ended.WaitAsync(TimeSpan.FromMinutes(1));

            var results = await resumed.GetResultsAsync(evaluationId);
            Assert.Equal(EvaluationStatus.Completed, (await resumed.GetAsync(evaluationId))!.Status);
            Assert.Equal(Enumerable.Range(0, Cases).Select(i => $"c{i}"), results.Select(r => r.CaseId));
            Assert.All(results, r => Assert.True(r.Passed, r.Error));
            // Only the missing cases ran again: one model call each.
            Assert.Equal(Cases - DoneBeforeStop, secondModel.Calls);
            await second.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_cancelled_evaluation_stays_cancelled_at_the_next_start_and_resumes_on_request()
    {
        using var host = Host(new StallingModel(1));
        await host.StartAsync();
        await host.Get<WorkflowLibrary>().SaveAsync(new WorkflowBuilder("echo", "Echo").Input("question").Output("answer", "Answer: {{question}}").Edge("question", "answer").Build());
        await host.Get<DatasetWorkbench>().ImportAsync("fruit", "Fruit", Encoding.UTF8.GetBytes("id,question,expected\na,apples,apples\nb,pears,pears\n"), DatasetFormat.Csv);
        var coordinator = host.Get<EvaluationCoordinator>();
        var record = await coordinator.StartAsync(new EvaluationStart("echo", null, null, "fruit", 1, [ScorerSpec.Parse("contains")]));
        if (coordinator.Follow(record.Id) is { } live) await live.Ended.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.False(await coordinator.ResumeAsync(record.Id));

        var store = host.Get<IEvaluationStore>();
        await store.SetStatusAsync(record.Id, EvaluationStatus.Cancelled);
        Assert.Empty(await store.ListUnfinishedAsync());
        await Assert.ThrowsAsync<WorkflowStudio.Data.StoreException>(() => coordinator.ResumeAsync(record.Id, WorkflowStudio.Studio.Security.StudioRole.Viewer));

        Assert.True(await coordinator.ResumeAsync(record.Id));
        if (coordinator.Follow(record.Id) is { } resumed) await resumed.Ended.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(EvaluationStatus.Completed, (await coordinator.GetAsync(record.Id))!.Status);
        Assert.Equal(2, (await coordinator.GetResultsAsync(record.Id)).Count);
        await host.StopAsync();
    }
}
