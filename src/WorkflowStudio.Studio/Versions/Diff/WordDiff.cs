namespace WorkflowStudio.Studio.Versions.Diff;

/// <summary>A run of words on one side of a word diff; <see cref="Changed"/> when the other side does not have it.</summary>
public sealed record WordSpan(string Text, bool Changed);

/// <summary>Two texts split into spans that, joined, give each text back: what the before side lost and the after side gained.</summary>
public sealed record WordDiff(IReadOnlyList<WordSpan> Before, IReadOnlyList<WordSpan> After)
{
    public bool HasChanges => Before.Any(s => s.Changed) || After.Any(s => s.Changed);
}
