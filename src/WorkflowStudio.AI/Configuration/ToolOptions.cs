namespace WorkflowStudio.AI.Configuration;

/// <summary>"Studio:Tools": limits and address policy for the built-in tools.</summary>
public sealed class ToolOptions
{
    public const string Section = "Studio:Tools";

    public HttpToolOptions Http { get; set; } = new();

    public WebSearchOptions WebSearch { get; set; } = new();
}

public sealed class HttpToolOptions
{
    public double TimeoutSeconds { get; set; } = 15;

    public int MaxResponseBytes { get; set; } = 1_048_576;

    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// Address ranges (CIDR, e.g. "127.0.0.1/32") reachable despite being loopback, link-local or private.
    /// Empty by default: requests go to public addresses only.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];
}

public sealed class WebSearchOptions
{
    public static readonly IReadOnlyList<string> Providers = ["offline", "searxng", "brave", "tavily"];

    /// <summary>"offline" searches the local corpus of pages; "searxng", "brave" and "tavily" search the web through that service.</summary>
    public string Provider { get; set; } = "offline";

    /// <summary>The service's address: required for a SearXNG instance, optional for Brave and Tavily (their public API by default).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The name of the environment variable holding the service's key (never the key itself).</summary>
    public string? ApiKeyEnv { get; set; }

    /// <summary>The offline corpus, relative to the content root.</summary>
    public string CorpusDirectory { get; set; } = "templates/corpus";

    public int MaxResults { get; set; } = 5;
}
