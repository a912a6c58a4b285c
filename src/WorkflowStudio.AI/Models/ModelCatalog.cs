using WorkflowStudio.AI.Configuration;
using WorkflowStudio.AI.Offline;

namespace WorkflowStudio.AI.Models;

/// <summary>A model as the UI lists it; <see cref="IsOffline"/> marks the built-in extractive model.</summary>
public sealed record ModelInfo(string Name, string Provider, string Description, bool IsOffline);

/// <summary>A model name resolved to its provider; <see cref="ModelId"/> is what the provider is sent (Azure: the deployment).</summary>
public sealed record ResolvedModel(string Name, string ProviderName, ProviderOptions? Provider, string ModelId)
{
    public bool IsOffline => Provider is null;
}

/// <summary>
/// Resolves the model names workflows use — "offline", a bare model name a provider lists, or
/// "provider/model" — and says in a sentence what is wrong with one that cannot run. A provider's key comes from the
/// environment variable its settings name, else from the keys stored in the studio.
/// </summary>
public sealed class ModelCatalog(ModelOptions options, Func<string, string?> environment, IStoredProviderKeys? stored = null)
{
    public ModelCatalog(ModelOptions options, IStoredProviderKeys? stored = null) : this(options, Environment.GetEnvironmentVariable, stored) { }

    public IReadOnlyList<ModelInfo> Models =>
    [
        new(OfflineModel.Name, OfflineModel.Name, OfflineModel.Description, IsOffline: true),
        .. options.Providers.SelectMany(p => p.Value.Models.Select(m => new ModelInfo(
            m, p.Key, p.Value.Description ?? $"{m} on {p.Key} ({p.Value.Kind})", IsOffline: false))),
    ];

    /// <summary>The resolved model, or null with <paramref name="problem"/> explaining why not.</summary>
    public ResolvedModel? TryResolve(string name, out string? problem)
    {
        problem = null;
        var trimmed = name.Trim();
        if (trimmed.Equals(OfflineModel.Name, StringComparison.OrdinalIgnoreCase))
            return new ResolvedModel(OfflineModel.Name, OfflineModel.Name, null, OfflineModel.Name);
        if (trimmed.Length == 0)
        {
            problem = "No model is named; choose one of: " + Known() + ".";
            return null;
        }

        ResolvedModel? model = null;
        var slash = trimmed.IndexOf('/');
        if (slash > 0 && options.Providers.TryGetValue(trimmed[..slash], out var named))
        {
            // Qualified names may use models the provider serves but the settings do not list (e.g. a newly pulled Ollama model).
            model = new ResolvedModel(trimmed, trimmed[..slash], named, trimmed[(slash + 1)..]);
        }
        else
        {
            var owner = options.Providers.FirstOrDefault(p => p.Value.Models.Contains(trimmed, StringComparer.OrdinalIgnoreCase));
            if (owner.Value is not null) model = new ResolvedModel(trimmed, owner.Key, owner.Value, trimmed);
        }
        if (model is null)
        {
            problem = $"Unknown model '{trimmed}'. Configured models: {Known()}.";
            return null;
        }
        problem = ProviderProblem(model);
        return problem is null ? model : null;
    }

    public string? Check(string name)
    {
        TryResolve(name, out var problem);
        return problem;
    }

    /// <summary>
    /// The provider's API key: its environment variable when that is set (the environment wins, as for every setting),
    /// else the key stored in the studio; null for keyless local servers.
    /// </summary>
    public string? ApiKey(string providerName, ProviderOptions provider) =>
        FromEnvironment(provider) is { Length: > 0 } fromEnvironment ? fromEnvironment : stored?.Find(providerName);

    private string? FromEnvironment(ProviderOptions provider) =>
        string.IsNullOrWhiteSpace(provider.ApiKeyEnv) ? null : environment(provider.ApiKeyEnv);

    private string? ProviderProblem(ResolvedModel model)
    {
        var provider = model.Provider!;
        if (!Uri.TryCreate(provider.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            return $"Provider '{model.ProviderName}' has no valid http(s) endpoint (Studio:Models:Providers:{model.ProviderName}:Endpoint).";
        // A provider that needs no key (a local server) is usable whatever is stored, so its check reads no stored key:
        // those live in the studio file, which validating a workflow should not have to open.
        var keyless = provider.Kind != ProviderKind.AzureOpenAI && string.IsNullOrWhiteSpace(provider.ApiKeyEnv);
        if (keyless || !string.IsNullOrEmpty(ApiKey(model.ProviderName, provider))) return null;
        if (string.IsNullOrWhiteSpace(provider.ApiKeyEnv))
            return $"Provider '{model.ProviderName}' is Azure OpenAI and needs a key: an owner can enter one on the Provider keys page, or ApiKeyEnv can name the environment variable that holds it.";
        return $"Model '{model.Name}' uses provider '{model.ProviderName}', whose API key environment variable {provider.ApiKeyEnv} is not set and no key is stored for it.";
    }

    private string Known() => string.Join(", ", Models.Select(m => m.Name));
}
