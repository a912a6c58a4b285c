using WorkflowStudio.Core.Ports;

namespace WorkflowStudio.Core.InProcess;

/// <summary>A keyword-overlap retriever over passages held in memory, for tests and headless runs.</summary>
public sealed class InMemoryRetriever(IReadOnlyDictionary<string, IReadOnlyList<(string Document, string Text)>> knowledgeBases) : IRetriever
{
    public ValueTask<IReadOnlyList<RetrievedChunk>> SearchAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        if (!knowledgeBases.TryGetValue(query.KnowledgeBase, out var passages))
            return ValueTask.FromResult<IReadOnlyList<RetrievedChunk>>([]);
        var terms = Terms(query.Text);
        IReadOnlyList<RetrievedChunk> results = passages
            .Select((p, i) => new RetrievedChunk(p.Document, i, p.Text, terms.Count == 0 ? 0 : (double)Terms(p.Text).Intersect(terms).Count() / terms.Count))
            .Where(c => c.Score >= query.MinScore && c.Score > 0)
            .OrderByDescending(c => c.Score).ThenBy(c => c.Chunk)
            .Take(query.TopK)
            .ToList();
        return ValueTask.FromResult(results);
    }

    public string? CheckKnowledgeBase(string name) =>
        knowledgeBases.ContainsKey(name) ? null : $"There is no knowledge base '{name}'. Available: {string.Join(", ", knowledgeBases.Keys.Order())}.";

    private static HashSet<string> Terms(string text) =>
        text.Split([' ', '\n', '\t', '.', ',', '?', '!', ':', ';', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t.Length > 2).Select(t => t.ToLowerInvariant()).ToHashSet();
}
