using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.Core.Running.Executors;

internal sealed class RetrievalExecutor(IRetriever retriever) : INodeExecutor
{
    public IReadOnlyDictionary<string, object?> Prepare(NodeContext context) => Inputs.Of("query", context.Render(((RetrievalNode)context.Node).Query));

    public async ValueTask<NodeOutcome> ExecuteAsync(NodeContext context, IReadOnlyDictionary<string, object?> inputs, CancellationToken cancellationToken)
    {
        var node = (RetrievalNode)context.Node;
        var query = new RetrievalQuery(node.KnowledgeBase, (string)inputs["query"]!, node.TopK, node.MinScore, node.Hybrid);
        var chunks = await retriever.SearchAsync(query, cancellationToken).ConfigureAwait(false);
        return new NodeOutcome(new Dictionary<string, object?>(2)
        {
            ["text"] = string.Join("\n\n", chunks.Select(c => $"[{c.Document}#{c.Chunk}] {c.Text}")),
            ["chunks"] = chunks.Select(c => new Dictionary<string, object?>
            {
                ["document"] = c.Document, ["chunk"] = c.Chunk, ["text"] = c.Text, ["score"] = c.Score,
            }).ToList(),
        });
    }
}
