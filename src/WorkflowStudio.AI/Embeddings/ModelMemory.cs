using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace WorkflowStudio.AI.Embeddings;

/// <summary>
/// Gives back what loading and running the embedding model leaves behind but no longer needs. Loading copies the 86 MB
/// model out of its assembly (every page of that file mapping read in) into a managed array, which ONNX Runtime copies
/// again; encoding allocates per batch. Left alone, all three stay in the process's resident memory: for an idle
/// studio, more than half of it.
/// </summary>
internal static class ModelMemory
{
    private const int DontNeed = 4; // MADV_DONTNEED
    private static bool _canTrim = OperatingSystem.IsLinux();

    /// <summary>After the session is built: the managed copy is garbage, and the assembly's pages can be read again from the file.</summary>
    public static void ReleaseLoadCopies(Assembly modelAssembly)
    {
        // At 86 MB the array lives in the large object heap, which only a full collection frees and only an aggressive one decommits.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (OperatingSystem.IsLinux()) DropReadOnlyMapping(modelAssembly.Location);
        TrimNativeHeap();
    }

    // Trimming walks the whole C heap: once encodings have gone quiet for this long, not after every one (a search
    // embeds its question on the request path).
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(2);
    private static readonly Timer Trimmer = new(_ => TrimNativeHeap(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>ONNX Runtime frees each batch's buffers to the C heap, which keeps them unless asked to give them back.</summary>
    public static void TrimNativeHeapWhenQuiet()
    {
        if (_canTrim) Trimmer.Change(QuietPeriod, Timeout.InfiniteTimeSpan);
    }

    private static void TrimNativeHeap()
    {
        if (!_canTrim) return;
        try
        {
            malloc_trim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _canTrim = false; // not glibc (musl, say)
        }
    }

    // Clean read-only file pages fault back in from the page cache if touched again, so dropping them loses nothing.
    private static void DropReadOnlyMapping(string path)
    {
        if (string.IsNullOrEmpty(path)) return;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            // "start-end perms offset dev inode path"
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[5] != path || fields[1].Contains('w')) continue;
            var range = fields[0].Split('-');
            var start = long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var end = long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            _ = madvise((nint)start, (nuint)(end - start), DontNeed);
        }
    }

    [DllImport("libc")]
    private static extern int madvise(nint address, nuint length, int advice);

    [DllImport("libc")]
    private static extern int malloc_trim(nuint pad);
}
