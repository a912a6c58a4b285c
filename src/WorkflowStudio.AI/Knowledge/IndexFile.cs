using System.Runtime.InteropServices;
using WorkflowStudio.AI.Embeddings;

namespace WorkflowStudio.AI.Knowledge;

/// <summary>
/// A knowledge base index on disk: a fingerprint of its sources, then the chunks and their vectors.
/// A file whose fingerprint differs from the sources' is stale and rebuilt.
/// </summary>
public static class IndexFile
{
    private const string Magic = "WSKB1";

    public static void Write(string path, string fingerprint, KnowledgeIndex index)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Unique per writer, so the Web app and the CLI indexing at once never share a half-written file.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(Magic);
            writer.Write(fingerprint);
            writer.Write(index.Chunks.Count);
            foreach (var chunk in index.Chunks)
            {
                writer.Write(chunk.Document);
                writer.Write(chunk.Index);
                writer.Write(chunk.Text);
            }
            writer.Write(MemoryMarshal.AsBytes(index.Vectors));
        }
        // Readers never see a half-written index.
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The index stored at <paramref name="path"/>, or null when it is missing, stale or unreadable.</summary>
    public static KnowledgeIndex? TryRead(string path, string name, string fingerprint)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadString() != Magic || reader.ReadString() != fingerprint) return null;
            var count = reader.ReadInt32();
            var chunks = new List<KnowledgeChunk>(count);
            for (var i = 0; i < count; i++) chunks.Add(new KnowledgeChunk(reader.ReadString(), reader.ReadInt32(), reader.ReadString()));
            var vectors = new float[count * Embedder.Dimensions];
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(vectors.AsSpan()));
            return new KnowledgeIndex(name, chunks, vectors);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
