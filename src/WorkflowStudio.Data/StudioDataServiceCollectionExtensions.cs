using Microsoft.Extensions.Caching.Distributed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowStudio.Data.Audit;
using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Data.Deployments;
using WorkflowStudio.Data.Evaluations;
using WorkflowStudio.Data.Identity;
using WorkflowStudio.Data.Identity.CompiledModel;
using WorkflowStudio.Data.Knowledge;
using WorkflowStudio.Data.Knowledge.CompiledModel;
using WorkflowStudio.Data.Monitoring;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Data.Secrets;
using WorkflowStudio.Data.Storage;
using WorkflowStudio.Data.Storage.CompiledModel;
using WorkflowStudio.Data.Workflows;

namespace WorkflowStudio.Data;

public static class StudioDataServiceCollectionExtensions
{
    /// <summary>
    /// The studio's SQLite storage at <paramref name="databasePath"/> (created with its folder if missing): stores,
    /// the batched event sink, and a start-up step that migrates the file and marks runs left running as interrupted.
    /// </summary>
    public static IServiceCollection AddStudioData(this IServiceCollection services, string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var fullPath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        // Pooled: the run path opens a context for every read and batch, and a new one each time was much of its garbage.
        // The compiled model spares every process building the model from conventions (a sixth of a `studio eval`'s CPU).
        services.AddPooledDbContextFactory<StudioDbContext>(options => StudioDbContextOptions.Configure(options, fullPath).UseModel(StudioDbContextModel.Instance));
        // Scoped contexts for the Identity stores; the options are a singleton so start-up can migrate the tables. Every
        // context runs on its compiled model: reading a migration history built the identity and knowledge models from
        // conventions, a third of opening the file in a short process.
        services.AddDbContext<StudioIdentityDbContext>(options => StudioIdentityDbContext.Configure(options, fullPath).UseModel(StudioIdentityDbContextModel.Instance),
            optionsLifetime: ServiceLifetime.Singleton);
        services.AddSingleton<StudioDatabase>();
        services.AddSingleton<IWorkflowStore, WorkflowStore>();
        services.AddSingleton<IRunStore, RunStore>();
        services.AddSingleton<IDatasetStore, DatasetStore>();
        services.AddSingleton<IEvaluationStore, EvaluationStore>();
        services.AddSingleton<ICalibrationStore, CalibrationStore>();
        services.AddSingleton<IOnlineEvaluationStore, OnlineEvaluationStore>();
        services.AddSingleton<IDeploymentStore, DeploymentStore>();
        services.AddSingleton<IAuditStore, AuditStore>();
        services.AddStudioIdentityCore();
        services.AddStudioSecretProtection(Path.GetDirectoryName(fullPath)!);
        // Knowledge bases share the file but have a context and migration history of their own.
        services.AddDbContextFactory<KnowledgeDbContext>(options => KnowledgeDbContextOptions.Configure(options, fullPath).UseModel(KnowledgeDbContextModel.Instance));
        services.AddSingleton<KnowledgeDatabase>();
        services.AddSingleton<IKnowledgeStore, KnowledgeStore>();
        services.AddSingleton<IModelCallStore, ModelCallStore>();
        services.AddSingleton<IFeedbackStore, FeedbackStore>();
        services.AddSingleton<IAlertStore, AlertStore>();
        services.AddSingleton<IDistributedCache, SqliteDistributedCache>();
        services.AddSingleton<SqliteRunEventSink>();
        services.AddSingleton<IRunEventSink>(sp => sp.GetRequiredService<SqliteRunEventSink>());
        services.AddHostedService<StudioDataStartup>();
        return services;
    }
}
