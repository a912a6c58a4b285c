using Microsoft.Extensions.Logging.Abstractions;
using WorkflowStudio.AI.Configuration;
using WorkflowStudio.AI.Embeddings;
using WorkflowStudio.AI.Models;
using WorkflowStudio.AI.Offline;
using WorkflowStudio.AI.Tools;

namespace WorkflowStudio.Benchmarks.AI;

/// <summary>The gateway wired by hand (as AddWorkflowAI would), with one OpenAI-compatible provider.</summary>
internal sealed class AiParts : IDisposable
{
    public AiParts(string? endpoint = null)
    {
        var options = new ModelOptions { MaxRetries = 0 };
        if (endpoint is not null)
            options.Providers["bench"] = new ProviderOptions { Endpoint = endpoint, Models = ["bench-model"] };
        var catalog = new ModelCatalog(options);
        var tokens = new TokenCounter();
        var tools = new ToolRegistry([new CalculatorTool()]);
        Offline = new OfflineModel(Embedder, tools, tokens, options.Offline);
        Gateway = new ModelGateway(catalog,
            new ChatServiceFactory(catalog, options, new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, NullLoggerFactory.Instance),
            Offline, tools, tokens, options, NullLogger<ModelGateway>.Instance);
    }

    public Embedder Embedder { get; } = new();

    public OfflineModel Offline { get; }

    public ModelGateway Gateway { get; }

    public void Dispose() => Embedder.Dispose();
}
