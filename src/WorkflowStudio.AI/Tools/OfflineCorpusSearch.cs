using System.Text.RegularExpressions;
using WorkflowStudio.AI.Knowledge;
using WorkflowStudio.AI.Text;

namespace WorkflowStudio.AI.Tools;

/// <summary>
/// The offline web: a folder of local pages (Markdown or text) searched with the same hybrid index as
/// knowledge bases. A page may start with "url: ..." (its address) and "# Title" lines.
/// </summary>
public sealed partial class OfflineCorpusSearch(KnowledgeBaseStore store, string corpusDirectory) : IWebSearchProvider
{
    private readonly Lazy<Task<(KnowledgeIndex Index, Dictionary<string, Page> Pages)>> _corpus = new(() => Task.Run(() => Load(store, corpusDirectory)));

    public string Name => "offline";

    public async Task<IReadOnlyList<WebSearchResult>> SearchAsync(string query, int count, CancellationToken cancellationToken)
    {
        var (index, pages) = await _corpus.Value.WaitAsync(cancellationToken);
        var hits = index.Search(query, store.Embedder.Embed(query, cancellationToken), count * 4, 0.05, SearchMode.Hybrid);
        return hits
            .GroupBy(h => h.Chunk.Document)
            .Select(g => g.First())
            .Take(count)
            .Select(h => new WebSearchResult(pages[h.Chunk.Document].Title, pages[h.Chunk.Document].Url, Snippet(h.Chunk.Text), Math.Round(h.Score, 4)))
            .ToList();
    }

    private static (KnowledgeIndex, Dictionary<string, Page>) Load(KnowledgeBaseStore store, string directory)
    {
        var pages = new Dictionary<string, Page>(StringComparer.Ordinal);
        var documents = new List<SourceDocument>();
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Where(DocumentReader.IsSupported).Order(StringComparer.Ordinal))
            {
                var name = Path.GetRelativePath(directory, file).Replace('\\', '/');
                var document = DocumentReader.Read(file, name);
                var url = UrlLine().Match(document.Text);
                var title = TitleLine().Match(document.Text);
                pages[name] = new Page(
                    title.Success ? title.Groups["title"].Value.Trim() : Path.GetFileNameWithoutExtension(file),
                    url.Success ? url.Groups["url"].Value.Trim() : $"https://corpus.local/{Path.ChangeExtension(name, null)}");
                documents.Add(document with { Text = UrlLine().Replace(document.Text, "") });
            }
        }
        return (store.Build("web-corpus", documents, CancellationToken.None), pages);
    }

    // The result already carries the page title, so the snippet is the prose alone, cut between sentences.
    private static string Snippet(string chunkText)
    {
        var sentences = Sentences.Split(Chunker.Body(chunkText));
        if (sentences.Count == 0) return "";
        if (sentences[0].Length > SnippetLength) return sentences[0][..SnippetLength].TrimEnd() + "…";
        var snippet = sentences[0];
        foreach (var sentence in sentences.Skip(1))
        {
            if (snippet.Length + 1 + sentence.Length > SnippetLength) break;
            snippet += " " + sentence;
        }
        return snippet;
    }

    private const int SnippetLength = 300;

    private sealed record Page(string Title, string Url);

    [GeneratedRegex(@"^url:\s*(?<url>\S+)\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex UrlLine();

    [GeneratedRegex(@"^#\s+(?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex TitleLine();
}
