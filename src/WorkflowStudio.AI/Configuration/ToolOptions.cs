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
    /// <summary>"offline" searches the local corpus of pages.</summary>
    public string Provider { get; set; } = "offline";

    /// <summary>The offline corpus, relative to the content root.</summary>
    public string CorpusDirectory { get; set; } = "templates/corpus";

    public int MaxResults { get; set; } = 5;
}
