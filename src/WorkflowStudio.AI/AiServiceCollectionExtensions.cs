using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
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
    /// <summary>The AI services with relative folder settings taken from <paramref name="contentRoot"/>, for hosts with one base folder.</summary>
    public static IServiceCollection AddWorkflowAI(this IServiceCollection services, IConfiguration configuration, string contentRoot) =>
        services.AddWorkflowAI(configuration, (_, path) => Path.Combine(contentRoot, path),
            Path.Combine(contentRoot, configuration["Studio:DataDirectory"] ?? "data"));

    /// <summary>
    /// Registers the model gateway (<see cref="IModelGateway"/>), knowledge retrieval (<see cref="IRetriever"/>),
    /// the tools (<see cref="IToolRegistry"/>) and their options, bound from "Studio:Models", "Studio:Tools" and
    /// "Studio:Knowledge" and validated when the host starts. <paramref name="resolvePath"/> turns a relative folder
    /// setting (its key and value) into the absolute path the host means by it; <paramref name="dataDirectory"/> is absolute.
    /// </summary>
    public static IServiceCollection AddWorkflowAI(this IServiceCollection services, IConfiguration configuration, Func<string, string, string> resolvePath, string dataDirectory)
    {
        services.AddOptions<ModelOptions>().Bind(configuration.GetSection(ModelOptions.Section))
            .Validate(o => o.TimeoutSeconds > 0, $"{ModelOptions.Section}:TimeoutSeconds must be above 0.")
            .Validate(o => o.MaxRetries is >= 0 and <= 10, $"{ModelOptions.Section}:MaxRetries must be between 0 and 10.")
            .Validate(o => o.RetryBaseDelaySeconds >= 0, $"{ModelOptions.Section}:RetryBaseDelaySeconds cannot be negative.")
            .Validate(o => o.MaxRetryAfterSeconds >= 0, $"{ModelOptions.Section}:MaxRetryAfterSeconds cannot be negative.")
            .Validate(o => o.MaxToolRounds is >= 1 and <= 50, $"{ModelOptions.Section}:MaxToolRounds must be between 1 and 50.")
            .Validate(o => o.Offline.LatencyMsPerToken is >= 0 and <= 10_000, $"{ModelOptions.Section}:Offline:LatencyMsPerToken must be between 0 and 10000.")
            .Validate(o => o.Offline.DesignerTokensPerSecond is >= 0 and <= 1_000, $"{ModelOptions.Section}:Offline:DesignerTokensPerSecond must be between 0 (no pause) and 1000.")
            .Validate(o => o.Offline.AnswerSentences is >= 1 and <= 20, $"{ModelOptions.Section}:Offline:AnswerSentences must be between 1 and 20.")
            .Validate(o => o.Providers.Values.All(p => Uri.TryCreate(p.Endpoint, UriKind.Absolute, out _)),
                $"Every provider under {ModelOptions.Section}:Providers needs an absolute Endpoint URL.")
            .ValidateOnStart();
        services.AddOptions<ToolOptions>().Bind(configuration.GetSection(ToolOptions.Section))
            .Validate(o => o.Http.TimeoutSeconds > 0, $"{ToolOptions.Section}:Http:TimeoutSeconds must be above 0.")
            .Validate(o => o.Http.MaxResponseBytes > 0, $"{ToolOptions.Section}:Http:MaxResponseBytes must be above 0.")
            .Validate(o => o.Http.MaxRedirects >= 0, $"{ToolOptions.Section}:Http:MaxRedirects cannot be negative.")
            .Validate(o => o.WebSearch.MaxResults is >= 1 and <= 50, $"{ToolOptions.Section}:WebSearch:MaxResults must be between 1 and 50.")
            .Validate(o => WebSearchOptions.Providers.Contains(o.WebSearch.Provider, StringComparer.OrdinalIgnoreCase),
                $"{ToolOptions.Section}:WebSearch:Provider must be one of: {string.Join(", ", WebSearchOptions.Providers)}.")
            .Validate(o => o.WebSearch.Endpoint is null || Uri.TryCreate(o.WebSearch.Endpoint, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                $"{ToolOptions.Section}:WebSearch:Endpoint must be an absolute http or https URL.")
            .Validate(o => !o.WebSearch.Provider.Equals("searxng", StringComparison.OrdinalIgnoreCase) || o.WebSearch.Endpoint is not null,
                $"{ToolOptions.Section}:WebSearch:Endpoint is required for searxng: the address of the instance.")
            .Validate(o => o.WebSearch.Provider.ToLowerInvariant() is not ("brave" or "tavily") || !string.IsNullOrWhiteSpace(o.WebSearch.ApiKeyEnv),
                $"{ToolOptions.Section}:WebSearch:ApiKeyEnv must name the environment variable holding the brave or tavily key.")
            .PostConfigure(o => o.WebSearch.CorpusDirectory = resolvePath($"{ToolOptions.Section}:WebSearch:CorpusDirectory", o.WebSearch.CorpusDirectory))
            .ValidateOnStart();
        services.AddOptions<KnowledgeOptions>().Bind(configuration.GetSection(KnowledgeOptions.Section))
            .Validate(o => o.ChunkSize is >= 50 and <= 20_000, $"{KnowledgeOptions.Section}:ChunkSize must be between 50 and 20000.")
            .Validate(o => o.ChunkOverlap >= 0 && o.ChunkOverlap < o.ChunkSize, $"{KnowledgeOptions.Section}:ChunkOverlap must be at least 0 and below ChunkSize.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.IndexFolder), $"{KnowledgeOptions.Section}:IndexFolder cannot be empty.")
            .PostConfigure(o => o.Directory = resolvePath($"{KnowledgeOptions.Section}:Directory", o.Directory))
            .PostConfigure(o => o.IndexFolder = Path.Combine(dataDirectory, o.IndexFolder))
            .ValidateOnStart();

        // The components take plain option objects; the options pattern binds and validates them once.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ModelOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ToolOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value);
        services.AddSingleton<Embedder>();
        services.AddSingleton<TokenCounter>();

        // Knowledge bases are folders unless the host brings a store of its own (the studio's SQLite file).
        services.TryAddSingleton<IKnowledgeSource>(sp => new FolderKnowledgeSource(Options<KnowledgeOptions>(sp).Directory,
            sp.GetRequiredService<Embedder>(), sp.GetRequiredService<Chunker>(), Logger<FolderKnowledgeSource>(sp)));
        services.AddSingleton(sp => new Chunker(Options<KnowledgeOptions>(sp).ChunkSize, Options<KnowledgeOptions>(sp).ChunkOverlap));
        services.AddSingleton<KnowledgeBaseStore>();
        services.AddSingleton<KnowledgeRetriever>();
        services.AddSingleton<IRetriever>(sp => sp.GetRequiredService<KnowledgeRetriever>());
        services.AddSingleton(sp => new KnowledgeWarmup(sp.GetRequiredService<KnowledgeBaseStore>(), Logger<KnowledgeWarmup>(sp)));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<KnowledgeWarmup>());

        services.AddSingleton<IWebSearchProvider>(sp => new OfflineCorpusSearch(
            sp.GetRequiredService<KnowledgeBaseStore>(), Options<ToolOptions>(sp).WebSearch.CorpusDirectory));
        services.AddSingleton<IWebSearchProvider>(sp => new SearxngSearch(Options<ToolOptions>(sp).WebSearch, Options<ToolOptions>(sp).Http));
        services.AddSingleton<IWebSearchProvider>(sp => new BraveSearch(Options<ToolOptions>(sp).WebSearch, Options<ToolOptions>(sp).Http));
        services.AddSingleton<IWebSearchProvider>(sp => new TavilySearch(Options<ToolOptions>(sp).WebSearch, Options<ToolOptions>(sp).Http));
        services.AddSingleton<ITool>(sp => new HttpRequestTool(Options<ToolOptions>(sp).Http));
        services.AddSingleton<ITool, CalculatorTool>();
        services.AddSingleton<ITool>(sp => new WebSearchTool(sp.GetServices<IWebSearchProvider>(), Options<ToolOptions>(sp).WebSearch));
        services.AddSingleton<ITool, KnowledgeSearchTool>();
        services.TryAddSingleton<IToolRegistry, ToolRegistry>();

        services.AddSingleton(sp => new ModelCatalog(Options<ModelOptions>(sp), sp.GetService<IStoredProviderKeys>()));
        services.AddSingleton(sp => new ChatServiceFactory(
            sp.GetRequiredService<ModelCatalog>(), Options<ModelOptions>(sp),
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.AddSingleton(sp => new OfflineModel(
            sp.GetRequiredService<Embedder>(), sp.GetRequiredService<IToolRegistry>(), sp.GetRequiredService<TokenCounter>(), Options<ModelOptions>(sp).Offline,
            sp.GetService<TimeProvider>()));
        // In memory alone here; a host that registers an IDistributedCache (the studio's SQLite table) becomes its second level.
        services.AddHybridCache();
        services.AddSingleton(sp => new ResponseCache(sp.GetRequiredService<HybridCache>(), TimeSpan.FromHours(Options<ModelOptions>(sp).ResponseCacheHours)));
        services.AddSingleton(sp => new SemanticCache(sp.GetRequiredService<HybridCache>(), sp.GetRequiredService<Embedder>(),
            TimeSpan.FromHours(Options<ModelOptions>(sp).ResponseCacheHours), sp.GetService<TimeProvider>()));
        services.AddSingleton(sp => new ModelGateway(
            sp.GetRequiredService<ModelCatalog>(), sp.GetRequiredService<ChatServiceFactory>(), sp.GetRequiredService<OfflineModel>(),
            sp.GetRequiredService<IToolRegistry>(), sp.GetRequiredService<TokenCounter>(), Options<ModelOptions>(sp), Logger<ModelGateway>(sp),
            sp.GetServices<IModelCallObserver>(), sp.GetService<TimeProvider>(), sp.GetRequiredService<ResponseCache>(),
            sp.GetRequiredService<SemanticCache>()));
        services.AddSingleton<IModelGateway>(sp => sp.GetRequiredService<ModelGateway>());
        return services;
    }

    private static T Options<T>(IServiceProvider services) where T : class => services.GetRequiredService<T>();

    private static ILogger<T> Logger<T>(IServiceProvider services) =>
        services.GetService<ILogger<T>>() ?? NullLogger<T>.Instance;
}
