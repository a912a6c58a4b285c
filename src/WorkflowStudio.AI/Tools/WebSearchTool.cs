using System.Text;
using System.Text.Json.Nodes;
using WorkflowStudio.AI.Configuration;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tools;

/// <summary>web.search: pages matching a query from the configured search provider (offline corpus by default).</summary>
public sealed class WebSearchTool(IEnumerable<IWebSearchProvider> providers, WebSearchOptions options) : ITool
{
    public const string Name = "web.search";

    public ToolDescriptor Descriptor { get; } = new(Name,
        "Searches the web for pages about a topic and returns their titles, URLs and snippets.",
        """{"type":"object","properties":{"query":{"type":"string","description":"What to search for."},"count":{"type":"integer","minimum":1,"maximum":20,"default":5}},"required":["query"]}""");

    public async ValueTask<ToolResult> InvokeAsync(IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken)
    {
        var query = arguments.Required(Name, "query");
        var count = arguments.Integer(Name, "count", options.MaxResults, 1, 20);
        var provider = providers.FirstOrDefault(p => p.Name.Equals(options.Provider, StringComparison.OrdinalIgnoreCase))
            ?? throw new ToolException("no_provider", $"{Name}: no search provider named '{options.Provider}' is registered (Studio:Tools:WebSearch:Provider).");
        var results = await provider.SearchAsync(query, count, cancellationToken);
        var text = new StringBuilder();
        foreach (var (result, i) in results.Select((r, i) => (r, i + 1)))
            text.Append(i).Append(". ").Append(result.Title).Append(" — ").AppendLine(result.Url).Append("   ").AppendLine(result.Snippet);
        var json = new JsonArray(results.Select(r => (JsonNode)new JsonObject
        {
            ["title"] = r.Title, ["url"] = r.Url, ["snippet"] = r.Snippet, ["score"] = r.Score,
        }).ToArray());
        return new ToolResult(results.Count == 0 ? $"No pages found for \"{query}\"." : text.ToString().TrimEnd(), json);
    }
}
