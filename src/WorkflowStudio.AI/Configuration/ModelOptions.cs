namespace WorkflowStudio.AI.Configuration;

/// <summary>"Studio:Models": providers, prices, retries and the offline model.</summary>
public sealed class ModelOptions
{
    public const string Section = "Studio:Models";

    public Dictionary<string, ProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Dollars per million tokens, by model name (or provider/model).</summary>
    public Dictionary<string, ModelPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a call may wait for the provider before it counts as a timeout; for a stream, between chunks.</summary>
    public double TimeoutSeconds { get; set; } = 100;

    /// <summary>Retries after a 429, 5xx, network error or timeout, before the call fails (or falls back).</summary>
    public int MaxRetries { get; set; } = 2;

    public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>The longest retry-after the gateway waits for; a longer one fails the call at once.</summary>
    public double MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>How long an answer stays in the response cache (memory and the studio database) for evaluations and deployments that use it.</summary>
    public double ResponseCacheHours { get; set; } = 24 * 7;

    /// <summary>How many rounds of tool calls a prompt with tools may make before it must answer.</summary>
    public int MaxToolRounds { get; set; } = 5;

    public OfflineModelOptions Offline { get; set; } = new();
}

public enum ProviderKind { OpenAICompatible, AzureOpenAI }

public sealed class ProviderOptions
{
    public ProviderKind Kind { get; set; } = ProviderKind.OpenAICompatible;

    /// <summary>Base URL, e.g. https://api.openai.com/v1, http://localhost:11434/v1 (Ollama), or the Azure resource URL.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The name of the environment variable holding the API key (never the key itself); empty for keyless local servers.</summary>
    public string? ApiKeyEnv { get; set; }

    /// <summary>Model names (Azure: deployment names) this provider serves.</summary>
    public List<string> Models { get; set; } = [];

    /// <summary>A model (bare or provider/model) to try when this provider's transient errors outlast the retries.</summary>
    public string? Fallback { get; set; }

    public string? Description { get; set; }
}

public sealed class ModelPrice
{
    public decimal InputPerMillion { get; set; }

    public decimal OutputPerMillion { get; set; }
}

public sealed class OfflineModelOptions
{
    /// <summary>Pause after each streamed word in every run, so load tests pace like a hosted model.</summary>
    public int LatencyMsPerToken { get; set; }

    /// <summary>
    /// Words per second the offline model streams at in runs and step tests started from the designer, so a person
    /// sees the text arrive and the steps turn green (a hosted model writes about 30-60 tokens a second); 0 streams
    /// at once. The CLI, evaluations and the deployment API never wait.
    /// </summary>
    public int DesignerTokensPerSecond { get; set; } = 40;

    /// <summary>How many context sentences an extractive answer quotes.</summary>
    public int AnswerSentences { get; set; } = 3;
}
