using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;

namespace WorkflowStudio.Studio.Versions.Diff;

/// <summary>Word diff of two short texts (two answers to one question) with DiffPlex, for side-by-side reading.</summary>
public static class WordDiffer
{
    public static WordDiff Compare(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var result = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, new WordChunker());
        var removed = new bool[result.PiecesOld.Count];
        var added = new bool[result.PiecesNew.Count];
        foreach (var block in result.DiffBlocks)
        {
            for (var i = 0; i < block.DeleteCountA; i++) removed[block.DeleteStartA + i] = true;
            for (var i = 0; i < block.InsertCountB; i++) added[block.InsertStartB + i] = true;
        }
        return new WordDiff(Spans(result.PiecesOld, removed), Spans(result.PiecesNew, added));
    }

    // Neighbouring pieces with the same mark join into one span, so a changed phrase is one highlight, not one per word.
    private static List<WordSpan> Spans(IReadOnlyList<string> pieces, bool[] changed)
    {
        var spans = new List<WordSpan>();
        var text = new StringBuilder();
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i > 0 && changed[i] != changed[i - 1])
            {
                spans.Add(new WordSpan(text.ToString(), changed[i - 1]));
                text.Clear();
            }
            text.Append(pieces[i]);
        }
        if (pieces.Count > 0) spans.Add(new WordSpan(text.ToString(), changed[^1]));
        return spans;
    }
}
