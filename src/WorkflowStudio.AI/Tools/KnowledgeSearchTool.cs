using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowStudio.AI.Knowledge;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.AI.Tools;

/// <summary>knowledge.search: the studio's knowledge bases as a tool, for Agent nodes.</summary>
public sealed class KnowledgeSearchTool(KnowledgeBaseStore store, KnowledgeRetriever retriever) : ITool
{
    public const string Name = "knowledge.search";

    string ITool.Name => Name;

    // The schema lists the knowledge bases present now, so models are offered real names.
    public ToolDescriptor Descriptor => new(Name,
        "Searches the studio's knowledge bases (product documentation, support articles) for passages that answer a question.",
        new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["query"] = new JsonObject { ["type"] = "string", ["description"] = "The question or keywords." },
                ["knowledgeBase"] = KnowledgeBaseProperty(),
                ["topK"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 20, ["default"] = 4 },
            },
            ["required"] = new JsonArray("query"),
        }.ToJsonString());

    public async ValueTask<ToolResult> InvokeAsync(IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken)
    {
        var query = arguments.Required(Name, "query");
        var names = store.Names;
        var knowledgeBase = arguments.Optional("knowledgeBase") ?? names.FirstOrDefault()
            ?? throw new ToolException("no_knowledge_base", $"{Name}: there are no knowledge bases.");
        if (retriever.CheckKnowledgeBase(knowledgeBase) is { } problem) throw new ToolException("unknown_knowledge_base", problem);
        var topK = arguments.Integer(Name, "topK", 4, 1, 20);
        var chunks = await retriever.SearchAsync(new RetrievalQuery(knowledgeBase, query, topK, 0, Hybrid: true), cancellationToken);
        var text = new StringBuilder();
        // Passages keep their heading trail on its own line, as the Retrieval node gives them, so it never runs into the prose.
        foreach (var chunk in chunks) text.Append('[').Append(chunk.Document).Append('#').Append(chunk.Chunk).Append("] ").AppendLine(chunk.Text).AppendLine();
        return new ToolResult(chunks.Count == 0 ? $"Nothing in {knowledgeBase} matches \"{query}\"." : text.ToString().TrimEnd(),
            JsonSerializer.SerializeToNode(chunks));
    }

    private JsonObject KnowledgeBaseProperty()
    {
        var property = new JsonObject { ["type"] = "string", ["description"] = "Which knowledge base to search." };
        var names = store.Names;
        if (names.Count > 0)
        {
            property["enum"] = new JsonArray(names.Select(n => (JsonNode)JsonValue.Create(n)).ToArray());
            property["default"] = names[0];
        }
        return property;
    }
}
