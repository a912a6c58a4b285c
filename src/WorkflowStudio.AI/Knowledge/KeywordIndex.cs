using WorkflowStudio.AI.Text;

namespace WorkflowStudio.AI.Knowledge;

/// <summary>Okapi BM25 over the chunks' terms, via an inverted index.</summary>
public sealed class KeywordIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly Dictionary<string, List<(int Chunk, int Count)>> _postings = new(StringComparer.Ordinal);
    private readonly int[] _lengths;
    private readonly double _averageLength;

    public KeywordIndex(IReadOnlyList<string> texts)
    {
        _lengths = new int[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var terms = Sentences.Terms(texts[i]);
            _lengths[i] = terms.Count;
            foreach (var group in terms.GroupBy(t => t, StringComparer.Ordinal))
            {
                if (!_postings.TryGetValue(group.Key, out var list)) _postings[group.Key] = list = [];
                list.Add((i, group.Count()));
            }
        }
        _averageLength = texts.Count == 0 ? 1 : Math.Max(1, _lengths.Average());
    }

    /// <summary>BM25 score of every chunk for the query (zero where no term matches).</summary>
    public double[] Score(string query)
    {
        var scores = new double[_lengths.Length];
        foreach (var term in Sentences.Terms(query).Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(term, out var postings)) continue;
            var idf = Math.Log(1 + (_lengths.Length - postings.Count + 0.5) / (postings.Count + 0.5));
            foreach (var (chunk, count) in postings)
            {
                var norm = count + K1 * (1 - B + B * _lengths[chunk] / _averageLength);
                scores[chunk] += idf * count * (K1 + 1) / norm;
            }
        }
        return scores;
    }
}
