using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using WorkflowStudio.AI.Configuration;

namespace WorkflowStudio.AI.Models;

/// <summary>
/// Semantic Kernel chat services per provider and model, over one shared HttpClient. The OpenAI
/// SDK's own retries are switched off: the gateway retries, so attempts and waits are counted once.
/// </summary>
public sealed class ChatServiceFactory(ModelCatalog catalog, ModelOptions options, HttpClient httpClient, ILoggerFactory loggerFactory)
{
    private readonly ConcurrentDictionary<(string Provider, string Model, string? Key), IChatCompletionService> _services = new();

    public IChatCompletionService Get(ResolvedModel model)
    {
        var provider = model.Provider ?? throw new ArgumentException("The offline model has no chat service.", nameof(model));
        var key = catalog.ApiKey(model.ProviderName, provider);
        return _services.GetOrAdd((model.ProviderName, model.ModelId, key), _ => Create(model, provider, key));
    }

    private IChatCompletionService Create(ResolvedModel model, ProviderOptions provider, string? key)
    {
        var endpoint = new Uri(provider.Endpoint);
        // Keyless local servers (Ollama, llama.cpp) ignore the key, but the SDK requires one.
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(key) ? "no-key" : key);
        switch (provider.Kind)
        {
            case ProviderKind.AzureOpenAI:
                var azure = new AzureOpenAIClient(endpoint, credential, Configure(new AzureOpenAIClientOptions()));
                return new AzureOpenAIChatCompletionService(model.ModelId, azure, model.ModelId, loggerFactory);
            default:
                var client = new OpenAIClient(credential, Configure(new OpenAIClientOptions { Endpoint = endpoint }));
                return new OpenAIChatCompletionService(model.ModelId, client, loggerFactory);
        }
    }

    private T Configure<T>(T clientOptions) where T : ClientPipelineOptions
    {
        clientOptions.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        clientOptions.Transport = new HttpClientPipelineTransport(httpClient);
        // The gateway enforces its own (idle) timeout; this only stops a call that outlives it by far.
        clientOptions.NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds * 2 + 10);
        return clientOptions;
    }
}
