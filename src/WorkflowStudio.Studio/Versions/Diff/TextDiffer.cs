using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace WorkflowStudio.Studio.Versions.Diff;

/// <summary>Line diff of two texts (generated C#, or the definition JSON) with DiffPlex.</summary>
public static class TextDiffer
{
    public static TextDiff Compare(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var model = InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false);
        var lines = new List<TextDiffLine>(model.Lines.Count);
        int oldNumber = 0, newNumber = 0;
        foreach (var piece in model.Lines)
        {
            lines.Add(piece.Type switch
            {
                ChangeType.Inserted => new TextDiffLine(TextDiffLineKind.Added, piece.Text, null, ++newNumber),
                ChangeType.Deleted => new TextDiffLine(TextDiffLineKind.Removed, piece.Text, ++oldNumber, null),
                _ => new TextDiffLine(TextDiffLineKind.Unchanged, piece.Text, ++oldNumber, ++newNumber),
            });
        }
        // Both texts ending in a newline is not an extra empty line worth showing.
        if (lines is [.., { Kind: TextDiffLineKind.Unchanged, Text: "" }] && before.EndsWith('\n') && after.EndsWith('\n'))
            lines.RemoveAt(lines.Count - 1);
        return new TextDiff(lines);
    }
}
