using System.Text;
using WorkflowStudio.Data.Datasets;

namespace WorkflowStudio.Evaluation.Datasets;

/// <summary>Reads CSV or JSONL datasets lazily, case by case, within the size and count limits.</summary>
public static class DatasetReader
{
    // Throws on bad bytes instead of inventing U+FFFD, so a mis-encoded file is reported, not silently changed.
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEnumerable<DatasetCase> ReadFile(string path, DatasetReadOptions? options = null)
    {
        var format = DatasetFormats.FromPath(path);
        options ??= DatasetReadOptions.Default;
        var info = new FileInfo(path);
        if (!info.Exists) throw new DatasetFileException($"The file {path} does not exist.");
        if (info.Length > options.MaxBytes) throw SizeLimitedStream.TooLarge(options.MaxBytes);
        return Read(() => File.OpenRead(path), format, options);
    }

    /// <summary>Reads <paramref name="stream"/>, which is disposed when the enumeration ends.</summary>
    public static IEnumerable<DatasetCase> Read(Stream stream, DatasetFormat format, DatasetReadOptions? options = null) =>
        Read(() => stream, format, options ?? DatasetReadOptions.Default);

    private static IEnumerable<DatasetCase> Read(Func<Stream> open, DatasetFormat format, DatasetReadOptions options)
    {
        options.Validate();
        using var stream = open();
        if (stream.CanSeek && stream.Length - stream.Position > options.MaxBytes) throw SizeLimitedStream.TooLarge(options.MaxBytes);
        using var reader = new StreamReader(new SizeLimitedStream(stream, options.MaxBytes), StrictUtf8, detectEncodingFromByteOrderMarks: true);
        var cases = format == DatasetFormat.Csv ? CsvDatasetReader.Read(reader, options) : JsonlDatasetReader.Read(reader, options);
        var count = 0;
        foreach (var c in cases)
        {
            if (++count > options.MaxCases) throw new DatasetFileException($"The file has more than {options.MaxCases} cases, the limit.");
            yield return c;
        }
    }

    internal static void CheckCell(string value, DatasetReadOptions options, int row, string column)
    {
        if (value.Length > options.MaxCellLength)
            throw new DatasetFileException($"the cell is {value.Length} characters long; the limit is {options.MaxCellLength}.", row, column);
    }

    internal static DatasetFileException NotUtf8(int row, DecoderFallbackException e) =>
        new($"the file is not valid UTF-8 near here ({e.Message.TrimEnd('.')}); save it as UTF-8.", row);
}
