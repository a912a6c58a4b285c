using System.Text;
using CsvHelper;
using WorkflowStudio.Data.Datasets;

namespace WorkflowStudio.Evaluation.Datasets;

/// <summary>RFC 4180 CSV with a header row (CsvHelper): quoted cells may hold commas, quotes and newlines.</summary>
internal static class CsvDatasetReader
{
    public static IEnumerable<DatasetCase> Read(TextReader text, DatasetReadOptions options)
    {
        var csvOptions = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            // A stray or unclosed quote is an error with its row, never a silent guess at what was meant.
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            TrackLineNumbers = true,
            MaxRecordSize = checked((int)Math.Min(int.MaxValue, options.MaxCellLength * 4L + 1024)),
        };
        using var csv = CsvReader.Create(text, csvOptions, leaveOpen: true);
        var header = Guard(() => csv.Headers.ToArray(), row: 1);
        if (header.Length == 0) throw new DatasetFileException("The file is empty: it needs a header row naming the columns.");
        DatasetColumns.CheckHeader(header, options);

        var ordinal = 0;
        while (Guard(csv.Read, row: ordinal + 2))
        {
            var row = ordinal + 2; // the header is row 1
            if (csv.FieldCount != header.Length)
                throw new DatasetFileException($"{csv.FieldCount} cells where the header has {header.Length} columns; a cell with a comma or newline must be quoted.", row);
            var cells = new (string, string)[header.Length];
            for (var i = 0; i < header.Length; i++)
            {
                var value = csv.GetString(i) ?? "";
                DatasetReader.CheckCell(value, options, row, header[i]);
                cells[i] = (header[i], value);
            }
            yield return DatasetColumns.ToCase(cells, ordinal++, row);
        }
    }

    private static T Guard<T>(Func<T> read, int row)
    {
        try
        {
            return read();
        }
        catch (DecoderFallbackException e)
        {
            throw DatasetReader.NotUtf8(row, e);
        }
        catch (CsvFormatException e)
        {
            var at = e.RecordNumber > 0 ? (int)e.RecordNumber : row;
            throw new DatasetFileException($"the CSV is malformed ({e.Message.TrimEnd('.')}); quote a cell holding commas, quotes or newlines, and double the quotes inside it.", at);
        }
    }
}
