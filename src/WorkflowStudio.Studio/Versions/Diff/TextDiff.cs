namespace WorkflowStudio.Studio.Versions.Diff;

public enum TextDiffLineKind { Unchanged, Added, Removed }

/// <summary>A line of a unified diff with its number on each side (null on the side it is missing from).</summary>
public sealed record TextDiffLine(TextDiffLineKind Kind, string Text, int? OldNumber, int? NewNumber);

public sealed record TextDiff(IReadOnlyList<TextDiffLine> Lines)
{
    public int Added => Lines.Count(l => l.Kind == TextDiffLineKind.Added);
    public int Removed => Lines.Count(l => l.Kind == TextDiffLineKind.Removed);
    public bool HasChanges => Lines.Any(l => l.Kind != TextDiffLineKind.Unchanged);
}
