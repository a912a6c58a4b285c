using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.Core.Building;
using WorkflowStudio.Evaluation.Datasets;
using WorkflowStudio.Evaluation.Running;
using WorkflowStudio.Evaluation.Scoring;
using WorkflowStudio.Studio;
using WorkflowStudio.Studio.Evaluations;

namespace WorkflowStudio.Web.Tests.Evaluations;

/// <summary>
/// The application layer as the app registers it, over a temp folder, with an "echo" workflow whose reply repeats
/// the question (no model step, so which cases pass is known) and a "fruit" dataset: case a passes, case b fails.
/// </summary>
public sealed class EvaluationStudioData : IDisposable
{
    public const string Csv = "id,question,expected\na,apples,apples\nb,pears,plums\n";

    private readonly ServiceProvider _services;
    private readonly string _folder = Directory.CreateTempSubdirectory("studio-eval-ui-").FullName;

    public EvaluationStudioData()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StudioPaths.DataDirectoryKey] = _folder }).Build();
        _services = new ServiceCollection().AddLogging().AddWorkflowStudio(configuration, StudioPaths.From(configuration, _folder, _folder)).BuildServiceProvider();
        Library.SaveAsync(new WorkflowBuilder("echo", "Echo").Input("question").Output("answer", "Answer: {{question}}").Edge("question", "answer").Build())
            .GetAwaiter().GetResult();
    }

    public WorkflowLibrary Library => _services.GetRequiredService<WorkflowLibrary>();
    public WorkflowVersions Versions => _services.GetRequiredService<WorkflowVersions>();
    public DatasetWorkbench Datasets => _services.GetRequiredService<DatasetWorkbench>();
    public EvaluationCoordinator Coordinator => _services.GetRequiredService<EvaluationCoordinator>();
    public StepChecks StepChecks => _services.GetRequiredService<StepChecks>();
    public JudgeCalibration Calibration => _services.GetRequiredService<JudgeCalibration>();
    public PairwiseJudging Pairwise => _services.GetRequiredService<PairwiseJudging>();

    /// <summary>The services the dataset and evaluation pages inject.</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddSingleton(Library).AddSingleton(Versions).AddSingleton(Datasets).AddSingleton(Coordinator).AddSingleton(StepChecks).AddSingleton(Calibration).AddSingleton(Pairwise);

    public Task ImportFruitAsync(string csv = Csv) => Datasets.ImportAsync("fruit", "Fruit", Encoding.UTF8.GetBytes(csv), DatasetFormat.Csv);

    /// <summary>Evaluates "echo" over a dataset version with one scorer, to the end, without the background coordinator.</summary>
    public async Task<string> EvaluateToEndAsync(string scorer = "contains", int datasetVersion = 1)
    {
        var engine = _services.GetRequiredService<EvaluationService>();
        var record = await engine.CreateAsync(new EvaluationRequest("echo", 1, "fruit", datasetVersion, new EvaluationSpec { Scorers = [ScorerSpec.Parse(scorer)] }, "tester"));
        await engine.RunAsync(record.Id);
        return record.Id;
    }

    public void Dispose()
    {
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
