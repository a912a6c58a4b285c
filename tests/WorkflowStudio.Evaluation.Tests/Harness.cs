using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Evaluation.Running;

namespace WorkflowStudio.Evaluation.Tests;

/// <summary>The evaluation services over a fresh SQLite file and an in-process model, as a host would wire them.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ws-eval-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _provider;

    private Harness(IModelGateway models, IRetriever? retriever, Action<IServiceCollection>? replace)
    {
        var services = new ServiceCollection()
            .AddStudioData(Path.Combine(_folder, "studio.db"))
            .AddSingleton(models)
            .AddSingleton(retriever ?? new InMemoryRetriever(new Dictionary<string, IReadOnlyList<(string, string)>>()))
            .AddSingleton<IToolRegistry>(new InMemoryToolRegistry())
            .AddWorkflowEvaluation();
        replace?.Invoke(services);
        _provider = services.BuildServiceProvider();
    }

    /// <param name="replace">Registers stand-ins over the host's services (the last registration wins).</param>
    public static Harness Services(IModelGateway models, IRetriever? retriever = null, Action<IServiceCollection>? replace = null) => new(models, retriever, replace);

    public T GetService<T>() where T : notnull => _provider.GetRequiredService<T>();

    public EvaluationService Evaluations => GetService<EvaluationService>();

    /// <summary>question → answer (a prompt) → output "answer".</summary>
    public static Workflow QuestionAnswer(string id = "qa") => new WorkflowBuilder(id, "Q&A")
        .Input("question")
        .Prompt("answer", p => p.User("Answer: {{question}}").Stream(false))
        .Output("result", "{{answer.text}}")
        .Edge("question", "answer").Edge("answer", "result")
        .Build();

    public async Task<int> SaveAsync(Workflow workflow) =>
        (await GetService<IWorkflowStore>().SaveAsync(new SaveRequest(workflow, "v", "ada", (await GetService<IWorkflowStore>().GetAsync(workflow.Id))?.LatestVersion))).Version.Number;

    public Task<DatasetVersion> DatasetAsync(string id, IEnumerable<DatasetCase> cases) =>
        GetService<IDatasetStore>().SaveVersionAsync(id, id, cases, "cases", "ada");

    public static DatasetCase Case(string id, string question, string expected) =>
        new(id, new Dictionary<string, string> { ["question"] = question }, new Dictionary<string, string> { [""] = expected });

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Reports on the calling thread, in order, unlike <see cref="Progress{T}"/>.</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
