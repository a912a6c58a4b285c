using System.Text.Json.Nodes;
using WorkflowStudio.AI.Tests.Support;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tests;

public sealed class ToolRegistryTests(SharedStudio shared) : IClassFixture<SharedStudio>
{
    private readonly Studio _studio = shared.Studio;

    private IToolRegistry Registry => _studio.Get<IToolRegistry>();

    [Fact]
    public void The_registry_has_the_four_built_in_tools_with_object_schemas()
    {
        Assert.Equal(["calculator", "http.request", "knowledge.search", "web.search"], Registry.Tools.Select(t => t.Name));
        Assert.All(Registry.Tools, t =>
        {
            var schema = JsonNode.Parse(t.ParametersSchema)!;
            Assert.Equal("object", schema["type"]!.ToString());
            Assert.NotEmpty(schema["required"]!.AsArray());
            Assert.False(string.IsNullOrWhiteSpace(t.Description));
        });
        Assert.Null(Registry.Find("shell.exec"));
    }

    [Fact]
    public void Making_the_registry_and_finding_a_tool_describe_no_tool()
    {
        var registry = new WorkflowStudio.AI.Tools.ToolRegistry([new UndescribedTool("b.tool"), new UndescribedTool("a.tool")]);

        Assert.Equal("b.tool", registry.Find("B.TOOL")!.Name);
        Assert.Null(registry.Find("c.tool"));
    }

    [Fact]
    public async Task Offline_web_search_finds_pages_of_the_local_corpus()
    {
        var result = await Registry.Find("web.search")!.InvokeAsync(
            new Dictionary<string, string> { ["query"] = "how long should a meta description be", ["count"] = "3" }, CancellationToken.None);

        var pages = result.Json!.AsArray();
        Assert.InRange(pages.Count, 1, 3);
        Assert.Equal("https://seo.example.net/guides/title-tags-and-meta-descriptions", pages[0]!["url"]!.ToString());
        Assert.Equal("Writing title tags and meta descriptions", pages[0]!["title"]!.ToString());
        Assert.Contains("title-tags-and-meta-descriptions", result.Text);
    }

    [Fact]
    public async Task Web_search_snippets_are_whole_sentences_of_prose_without_the_page_title()
    {
        var result = await Registry.Find("web.search")!.InvokeAsync(new Dictionary<string, string> { ["query"] = "smart widgets" }, CancellationToken.None);

        Assert.All(result.Json!.AsArray(), page =>
        {
            var snippet = page!["snippet"]!.ToString();
            Assert.False(snippet.StartsWith(page["title"]!.ToString(), StringComparison.Ordinal), snippet);
            Assert.Matches(@"[.!?]$", snippet);
        });
    }

    [Fact]
    public async Task Knowledge_search_keeps_each_heading_trail_on_its_own_line()
    {
        var result = await Registry.Find("knowledge.search")!.InvokeAsync(new Dictionary<string, string> { ["query"] = "How do I request a refund?" }, CancellationToken.None);

        Assert.Contains("[billing-and-refunds.md#1] Billing and refunds > How to request a refund\nRequest a refund", result.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Knowledge_search_offers_the_knowledge_bases_and_returns_passages()
    {
        var tool = Registry.Find("knowledge.search")!;
        var schema = JsonNode.Parse(tool.Descriptor.ParametersSchema)!;

        var result = await tool.InvokeAsync(new Dictionary<string, string> { ["query"] = "Where is the serial number printed?" }, CancellationToken.None);

        Assert.Contains("acme-widgets", schema["properties"]!["knowledgeBase"]!["enum"]!.AsArray().Select(n => n!.ToString()));
        Assert.StartsWith("[warranty.md#", result.Text);
        Assert.Contains("rubber foot", result.Text);
    }

    [Fact]
    public async Task Knowledge_search_names_an_unknown_knowledge_base()
    {
        var error = await Assert.ThrowsAsync<ToolException>(() => Registry.Find("knowledge.search")!.InvokeAsync(
            new Dictionary<string, string> { ["query"] = "x", ["knowledgeBase"] = "missing" }, CancellationToken.None).AsTask());

        Assert.Equal("unknown_knowledge_base", error.Code);
    }

    /// <summary>A tool whose descriptor must not be built, as the knowledge search's reads the database.</summary>
    private sealed class UndescribedTool(string name) : ITool
    {
        public string Name => name;

        public ToolDescriptor Descriptor => throw new InvalidOperationException("The descriptor was built.");

        public ValueTask<ToolResult> InvokeAsync(IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
