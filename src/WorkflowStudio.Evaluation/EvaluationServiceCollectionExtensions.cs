using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.Evaluation.Datasets;
using WorkflowStudio.Evaluation.Experiments;
using WorkflowStudio.Evaluation.Gate;
using WorkflowStudio.Evaluation.Running;
using WorkflowStudio.Evaluation.Scoring;

namespace WorkflowStudio.Evaluation;

public static class EvaluationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="EvaluationService"/> and <see cref="DatasetService"/>. Expects the studio's data
    /// (<c>AddStudioData</c>) and models, retrieval and tools (<c>AddWorkflowAI</c>, or in-process stand-ins).
    /// Options are checked here, so a bad setting stops the host at start rather than the first evaluation.
    /// </summary>
    public static IServiceCollection AddWorkflowEvaluation(this IServiceCollection services, EvaluationOptions? options = null, DatasetReadOptions? datasetOptions = null)
    {
        options ??= new EvaluationOptions();
        datasetOptions ??= DatasetReadOptions.Default;
        options.Validate();
        datasetOptions.Validate();
        services.AddSingleton(options);
        services.AddSingleton(datasetOptions);
        services.TryAddSingleton(TimeProvider.System);
        // The semantic scorer needs MiniLM; AddWorkflowAI registers it too, and the first registration wins.
        services.TryAddSingleton<Embedder>();
        services.TryAddSingleton<AI.Offline.ClaimChecker>();
        services.AddSingleton<ScorerFactory>();
        services.AddSingleton<EvaluationService>();
        services.AddSingleton<DatasetService>();
        services.AddSingleton<EvaluationGate>();
        services.AddSingleton<ExperimentService>();
        return services;
    }
}
