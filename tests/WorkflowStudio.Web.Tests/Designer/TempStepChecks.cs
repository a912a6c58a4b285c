using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Evaluation;
using WorkflowStudio.Evaluation.Scoring;
using WorkflowStudio.Studio.Evaluations;

namespace WorkflowStudio.Web.Tests.Designer;

/// <summary>
/// The per-step checks the inspector's Checks section keeps, over a real SQLite file in a temp folder, without the
/// rest of the studio: what every test that shows the inspector needs, opened only when one does.
/// </summary>
public sealed class TempStepChecks : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("studio-checks-").FullName;
    private readonly ServiceProvider _services;

    public TempStepChecks()
    {
        _services = new ServiceCollection()
            .AddStudioData(Path.Combine(_folder, "studio.db"))
            .AddSingleton<IModelGateway>(new ScriptedModelGateway())
            .AddSingleton<IRetriever>(new InMemoryRetriever(new Dictionary<string, IReadOnlyList<(string, string)>>()))
            .AddSingleton<IToolRegistry>(new InMemoryToolRegistry())
            .AddWorkflowEvaluation()
            .BuildServiceProvider();
        Checks = new StepChecks(_services.GetRequiredService<IEvaluationStore>(), _services.GetRequiredService<ScorerFactory>());
    }

    public StepChecks Checks { get; }

    /// <summary>Checks belong to a stored workflow.</summary>
    public Task SaveAsync(Core.Model.Workflow workflow) =>
        _services.GetRequiredService<Data.Workflows.IWorkflowStore>().SaveAsync(new Data.Workflows.SaveRequest(workflow, "v", "ada", null));

    public void Dispose()
    {
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
