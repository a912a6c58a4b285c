using WorkflowStudio.AI.Embeddings;

namespace WorkflowStudio.AI.Tests;

/// <summary>A host that stops while knowledge bases are still being indexed disposes the embedder under a running encoding.</summary>
public sealed class EmbedderDisposalTests
{
    [Fact]
    public async Task Disposing_during_an_encoding_waits_for_it_and_later_encodings_are_refused()
    {
        var embedder = new Embedder();
        embedder.Embed("warm the session up");
        var texts = Enumerable.Range(0, 256).Select(i => $"Sentence number {i} about lighthouses and their keepers.").ToArray();
        using var started = new ManualResetEventSlim();

        var encoding = Task.Run(() =>
        {
            started.Set();
            return embedder.EmbedMany(texts);
        });
        started.Wait();
        embedder.Dispose();

        // Either the encoding finished before the session was freed, or it was refused cleanly; the process lives on.
        try
        {
            Assert.All(await encoding, v => Assert.Equal(Embedder.Dimensions, v.Length));
        }
        catch (ObjectDisposedException)
        {
        }
        Assert.Throws<ObjectDisposedException>(() => embedder.Embed("after disposal"));
    }
}
