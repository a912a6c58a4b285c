using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowStudio.AI;
using WorkflowStudio.Core.InProcess;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Core.Validation;

namespace WorkflowStudio.Cli;

public enum ModelSource { Configured, Scripted }

/// <summary>The same gateway, retrieval and tools the studio uses, configured from appsettings.json and the environment.</summary>
internal sealed class StudioServices : IDisposable
{
    private readonly ServiceProvider _provider;

    public StudioServices(ModelSource models)
    {
        var home = AppContext.BaseDirectory;
        var configuration = new ConfigurationBuilder()
            .SetBasePath(home)
            .AddJsonFile("appsettings.json", optional: false)
            .AddEnvironmentVariables("STUDIO_")
            .Build();
        var services = new ServiceCollection().AddWorkflowAI(configuration, home);
        if (models == ModelSource.Scripted) services.AddSingleton<IModelGateway>(new ScriptedModelGateway());
        _provider = services.BuildServiceProvider();
        Limits = configuration.GetSection("Studio:Limits").Get<WorkflowLimits>() ?? WorkflowLimits.Default;
        RunTimeLimit = TimeSpan.FromSeconds(configuration.GetValue("Studio:Limits:RunTimeoutSeconds", 600));
    }

    public WorkflowLimits Limits { get; }
    public TimeSpan RunTimeLimit { get; }
    public IModelGateway Models => _provider.GetRequiredService<IModelGateway>();
    public IRetriever Retriever => _provider.GetRequiredService<IRetriever>();
    public IToolRegistry Tools => _provider.GetRequiredService<IToolRegistry>();

    public WorkflowValidator Validator() => new(Limits, Models, Retriever, Tools);

    public Runner Runner() => new(NodeExecutorRegistry.CreateDefault(Models, Retriever, Tools), Validator());

    public void Dispose() => _provider.Dispose();
}
