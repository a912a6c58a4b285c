using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Core.Validation;
using WorkflowStudio.Data;
using WorkflowStudio.Evaluation;
using WorkflowStudio.Studio;
using WorkflowStudio.Studio.Configuration;

namespace WorkflowStudio.Cli;

/// <summary>The application layer as the web app registers it (<c>AddWorkflowStudio</c>), over the CLI's settings.</summary>
internal sealed class StudioServices : IDisposable
{
    private readonly ServiceProvider _provider;

    /// <exception cref="StudioSettingsException">A setting is out of range.</exception>
    public StudioServices(CliSettings settings, ModelChoice models)
    {
        var services = new ServiceCollection().AddLogging().AddWorkflowStudio(settings.Configuration, settings.Paths);
        if (models.Scripted() is { } scripted) services.AddSingleton(scripted);
        _provider = services.BuildServiceProvider();
        _provider.ValidateStudioSettings();
        _ports = new LazyPorts(
            () => _provider.GetRequiredService<IModelGateway>(), () => _provider.GetRequiredService<IRetriever>(), () => _provider.GetRequiredService<IToolRegistry>());
        _validator = new Lazy<WorkflowValidator>(() => new WorkflowValidator(_provider.GetRequiredService<WorkflowLimits>(), _ports.Models, _ports.Retriever, _ports.Tools));
    }

    private readonly LazyPorts _ports;
    private readonly Lazy<WorkflowValidator> _validator;

    /// <summary>The studio's validator, over ports made only when a workflow needs them.</summary>
    public WorkflowValidator Validator => _validator.Value;

    public Runner Runner => _provider.GetRequiredService<Runner>();

    public WorkflowStudio.Studio.Monitoring.FineTuneExport FineTune => _provider.GetRequiredService<WorkflowStudio.Studio.Monitoring.FineTuneExport>();

    public WorkflowStudio.Studio.Knowledge.KnowledgeLibrary Knowledge => _provider.GetRequiredService<WorkflowStudio.Studio.Knowledge.KnowledgeLibrary>();

    /// <summary>
    /// The evaluation engine and the pairwise judge over one studio database (a temporary one for `studio eval`), with
    /// this process's models, retrieval and tools, each made when a case first needs it.
    /// </summary>
    public ServiceProvider EvaluationServices(string databasePath) => new ServiceCollection()
        .AddStudioData(databasePath)
        .AddSingleton(_ports.Models).AddSingleton(_ports.Retriever).AddSingleton(_ports.Tools)
        .AddWorkflowEvaluation()
        .AddSingleton<WorkflowStudio.Studio.Evaluations.PairwiseJudging>()
        .BuildServiceProvider();

    /// <summary>What every run of the studio gets: its time limit and the configured limits.</summary>
    public RunOptions RunOptions
    {
        get
        {
            var limits = _provider.GetRequiredService<IOptions<StudioOptions>>().Value.Limits;
            return new RunOptions { TimeLimit = TimeSpan.FromSeconds(limits.RunTimeoutSeconds), Limits = StudioLimits.From(limits) };
        }
    }

    // The run event sink only disposes asynchronously.
    public void Dispose() => _provider.DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>
/// The CLI's settings, read exactly like the web app's (<see cref="StudioConfiguration"/>); relative paths given on the
/// command line or in the environment are taken from the current directory.
/// </summary>
internal sealed record CliSettings(IConfigurationRoot Configuration, StudioPaths Paths)
{
    public static CliSettings Read(CommandLineSettings commandLine, string currentDirectory)
    {
        var configuration = StudioConfiguration.Build(StudioConfiguration.SettingsFileFor(AppContext.BaseDirectory), commandLine, currentDirectory);
        return new CliSettings(configuration, StudioPaths.From(configuration, currentDirectory, Path.Combine(AppContext.BaseDirectory, "templates")));
    }
}
