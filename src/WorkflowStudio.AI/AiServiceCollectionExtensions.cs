using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowStudio.AI.Configuration;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Knowledge;
using WorkflowStudio.AI.Models;
using WorkflowStudio.AI.Offline;
using WorkflowStudio.AI.Tools;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI;

public static class AiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the model gateway (<see cref="IModelGateway"/>), knowledge retrieval (<see cref="IRetriever"/>),
    /// the tools (<see cref="IToolRegistry"/>) and their options from "Studio:Models", "Studio:Tools" and
    /// "Studio:Knowledge". Relative paths in settings are taken from <paramref name="contentRoot"/>.
    /// </summary>
    public static IServiceCollection AddWorkflowAI(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var models = configuration.GetSection(ModelOptions.Section).Get<ModelOptions>() ?? new ModelOptions();
        var tools = configuration.GetSection(ToolOptions.Section).Get<ToolOptions>() ?? new ToolOptions();
        var knowledge = configuration.GetSection(KnowledgeOptions.Section).Get<KnowledgeOptions>() ?? new KnowledgeOptions();
        var dataDirectory = Path.Combine(contentRoot, configuration["Studio:DataDirectory"] ?? "data");

        services.AddSingleton(models);
        services.AddSingleton(tools);
        services.AddSingleton(knowledge);
        services.AddSingleton<Embedder>();
        services.AddSingleton<TokenCounter>();

        services.AddSingleton(sp => new KnowledgeBaseStore(
            sp.GetRequiredService<Embedder>(),
            new Chunker(knowledge.ChunkSize, knowledge.ChunkOverlap),
            Path.Combine(contentRoot, knowledge.Directory),
            Path.Combine(dataDirectory, knowledge.IndexFolder),
            Logger<KnowledgeBaseStore>(sp)));
        services.AddSingleton<KnowledgeRetriever>();
        services.AddSingleton<IRetriever>(sp => sp.GetRequiredService<KnowledgeRetriever>());
        services.AddSingleton<IHostedService>(sp => new KnowledgeWarmup(sp.GetRequiredService<KnowledgeBaseStore>(), Logger<KnowledgeWarmup>(sp)));

        services.AddSingleton<IWebSearchProvider>(sp => new OfflineCorpusSearch(
            sp.GetRequiredService<KnowledgeBaseStore>(), Path.Combine(contentRoot, tools.WebSearch.CorpusDirectory)));
        services.AddSingleton<ITool>(_ => new HttpRequestTool(tools.Http));
        services.AddSingleton<ITool, CalculatorTool>();
        services.AddSingleton<ITool>(sp => new WebSearchTool(sp.GetServices<IWebSearchProvider>(), tools.WebSearch));
        services.AddSingleton<ITool, KnowledgeSearchTool>();
        services.TryAddSingleton<IToolRegistry, ToolRegistry>();

        services.AddSingleton(_ => new ModelCatalog(models));
        services.AddSingleton(sp => new ChatServiceFactory(
            sp.GetRequiredService<ModelCatalog>(), models,
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.AddSingleton(sp => new OfflineModel(
            sp.GetRequiredService<Embedder>(), sp.GetRequiredService<IToolRegistry>(), sp.GetRequiredService<TokenCounter>(), models.Offline));
        services.AddSingleton(sp => new ModelGateway(
            sp.GetRequiredService<ModelCatalog>(), sp.GetRequiredService<ChatServiceFactory>(), sp.GetRequiredService<OfflineModel>(),
            sp.GetRequiredService<IToolRegistry>(), sp.GetRequiredService<TokenCounter>(), models, Logger<ModelGateway>(sp)));
        services.AddSingleton<IModelGateway>(sp => sp.GetRequiredService<ModelGateway>());
        return services;
    }

    private static ILogger<T> Logger<T>(IServiceProvider services) =>
        services.GetService<ILogger<T>>() ?? NullLogger<T>.Instance;
}
