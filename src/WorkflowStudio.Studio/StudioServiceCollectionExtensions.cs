using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkflowStudio.AI;
using WorkflowStudio.Core.Ports;
using WorkflowStudio.Core.Running;
using WorkflowStudio.Core.Validation;
using WorkflowStudio.Data;
using WorkflowStudio.Evaluation;
using WorkflowStudio.Studio.Evaluations;
using WorkflowStudio.Studio.Knowledge;
using WorkflowStudio.Studio.Configuration;
using WorkflowStudio.Studio.Runs;
using WorkflowStudio.Studio.Security;
using WorkflowStudio.Studio.Testing;
using WorkflowStudio.Studio.Versions;
using WorkflowStudio.Studio.Workflows;

namespace WorkflowStudio.Studio;

public static class StudioServiceCollectionExtensions
{
    /// <summary>
    /// The whole application layer over one configuration: models, retrieval and tools (AI), SQLite storage (Data), the
    /// validator and Runner with the configured limits, the workflow library, versions, runs, the step tester, datasets and evaluations.
    /// Every setting is bound once through options and validated when the host starts.
    /// </summary>
    public static IServiceCollection AddWorkflowStudio(this IServiceCollection services, IConfiguration configuration, StudioPaths paths)
    {
        services.AddOptions<StudioOptions>().Bind(configuration.GetSection(StudioOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Author) && o.Author.Length <= 100, "Studio:Author must be 1 to 100 characters.")
            .Validate(o => o.Limits.MaxNodes is >= 1 and <= 100_000, "Studio:Limits:MaxNodes must be between 1 and 100000.")
            .Validate(o => o.Limits.MaxInputChars is >= 1 and <= 50_000_000, "Studio:Limits:MaxInputChars must be between 1 and 50000000.")
            .Validate(o => o.Limits.MaxTextChars is >= 1 and <= 50_000_000, "Studio:Limits:MaxTextChars must be between 1 and 50000000.")
            .Validate(o => o.Limits.RunTimeoutSeconds is >= 1 and <= 86_400, "Studio:Limits:RunTimeoutSeconds must be between 1 and 86400.")
            .Validate(o => o.Limits.ShutdownGraceSeconds is >= 0 and <= 600, "Studio:Limits:ShutdownGraceSeconds must be between 0 and 600.")
            .Validate(o => o.Limits.FollowerCapacity is >= 1 and <= 1_000_000, "Studio:Limits:FollowerCapacity must be between 1 and 1000000.")
            .Validate(o => o.Limits.MaxConcurrentRuns is >= 1 and <= 10_000, "Studio:Limits:MaxConcurrentRuns must be between 1 and 10000.")
            .Validate(o => o.Limits.MaxConcurrentRunsPerUser >= 1 && o.Limits.MaxConcurrentRunsPerUser <= o.Limits.MaxConcurrentRuns,
                "Studio:Limits:MaxConcurrentRunsPerUser must be between 1 and Studio:Limits:MaxConcurrentRuns.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(paths);
        services.AddWorkflowAI(configuration, (key, value) => paths.ResolveSetting(configuration, key, value), paths.DataDirectory);
        services.AddStudioData(Path.Combine(paths.DataDirectory, "studio.db"));
        services.AddStudioKnowledge();

        services.AddSingleton(sp => StudioLimits.From(sp.GetRequiredService<IOptions<StudioOptions>>().Value.Limits));
        services.AddSingleton(sp => new WorkflowValidator(sp.GetRequiredService<WorkflowLimits>(),
            sp.GetService<IModelGateway>(), sp.GetService<IRetriever>(), sp.GetService<IToolRegistry>()));
        // A Runner registered by the host (tests with a scripted model) wins over the one made from the ports.
        services.TryAddSingleton(sp => new Runner(sp.GetRequiredService<IModelGateway>(), sp.GetRequiredService<IRetriever>(),
            sp.GetRequiredService<IToolRegistry>(), sp.GetRequiredService<WorkflowLimits>()));

        services.AddSingleton<WorkflowTemplates>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<Accounts>();
        services.AddSingleton<ProviderKeys>();
        services.AddSingleton<WorkflowStudio.AI.Models.IStoredProviderKeys>(sp => sp.GetRequiredService<ProviderKeys>());
        services.AddSingleton<WorkflowLibrary>();
        services.AddSingleton<WorkflowVersions>();
        services.AddSingleton<RunHistory>();
        services.AddSingleton<RunCoordinator>();
        services.AddSingleton<IRunFeed>(sp => sp.GetRequiredService<RunCoordinator>());
        services.AddHostedService(sp => sp.GetRequiredService<RunCoordinator>());
        services.AddSingleton<StepTester>();
        // One evaluation engine for the app and the CLI, with the browser's datasets and background evaluations over it.
        services.AddWorkflowEvaluation();
        services.AddSingleton<DatasetWorkbench>();
        services.AddSingleton<StepChecks>();
        services.AddSingleton<JudgeCalibration>();
        services.AddSingleton<PairwiseJudging>();
        services.AddSingleton<EvaluationCoordinator>();
        services.AddHostedService(sp => sp.GetRequiredService<EvaluationCoordinator>());
        services.AddOptions<OnlineEvaluationOptions>().Bind(configuration.GetSection(OnlineEvaluationOptions.Section))
            .Validate(o => o.QueueCapacity is >= 1 and <= 1_000_000, $"{OnlineEvaluationOptions.Section}:QueueCapacity must be between 1 and 1000000.")
            .Validate(o => o.Workers is >= 1 and <= 64, $"{OnlineEvaluationOptions.Section}:Workers must be between 1 and 64.")
            .ValidateOnStart();
        services.AddSingleton<OnlineEvaluation>();
        services.AddHostedService(sp => sp.GetRequiredService<OnlineEvaluation>());
        services.AddStudioDeployments();
        services.AddStudioMonitoring(configuration);
        services.AddTransient(sp => StepChoices.From(sp.GetRequiredService<WorkflowStudio.AI.Models.ModelCatalog>(),
            sp.GetRequiredService<WorkflowStudio.AI.Knowledge.KnowledgeBaseStore>(), sp.GetRequiredService<IToolRegistry>()));
        return services;
    }

    /// <summary>Checks every validated setting now, for programs without a host (the CLI); a host does it when it starts.</summary>
    /// <exception cref="StudioSettingsException">A setting is out of range; the message lists each one.</exception>
    public static void ValidateStudioSettings(this IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException e)
        {
            throw new StudioSettingsException(string.Join(" ", e.Failures));
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is OptionsValidationException))
        {
            throw new StudioSettingsException(string.Join(" ", e.InnerExceptions.SelectMany(x => ((OptionsValidationException)x).Failures)));
        }
    }
}
