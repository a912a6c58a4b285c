namespace WorkflowStudio.AI.Tools;

public sealed record WebSearchResult(string Title, string Url, string Snippet, double Score);

/// <summary>A web search back end for the web.search tool; "offline" ships built in, hosts may register others.</summary>
public interface IWebSearchProvider
{
    string Name { get; }

    Task<IReadOnlyList<WebSearchResult>> SearchAsync(string query, int count, CancellationToken cancellationToken);
}
