using System.Runtime.CompilerServices;

namespace WorkflowStudio.AI.Offline;

/// <summary>
/// Marks work a person watches live (a run started in the designer, a step test), so the offline model streams
/// at the readable pace of <see cref="Configuration.OfflineModelOptions.DesignerTokensPerSecond"/> instead of
/// all at once. The mark flows with the async context into every step the work starts; the CLI, evaluations and
/// the deployment API never set it, so they run without a pause.
/// </summary>
public static class OfflinePace
{
    private static readonly AsyncLocal<bool> Mark = new();

    internal static bool IsWatched => Mark.Value;

    /// <summary>The items of <paramref name="source"/>, produced under the mark.</summary>
    public static async IAsyncEnumerable<T> Watched<T>(IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var items = source.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            // Set only while the source advances: what it starts or awaits captures the mark, the caller never sees it.
            ValueTask<bool> next;
            var before = Mark.Value;
            Mark.Value = true;
            try
            {
                next = items.MoveNextAsync();
            }
            finally
            {
                Mark.Value = before;
            }
            if (!await next) yield break;
            yield return items.Current;
        }
    }
}
