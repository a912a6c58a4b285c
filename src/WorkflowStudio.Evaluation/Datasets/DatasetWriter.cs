using System.Text.Json;
using CsvHelper;
using WorkflowStudio.Data.Datasets;

namespace WorkflowStudio.Evaluation.Datasets;

/// <summary>Writes datasets back out as CSV or JSONL; reading either gives the same cases again.</summary>
public static class DatasetWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(IAsyncEnumerable<DatasetCase> cases, TextWriter writer, DatasetFormat format, CancellationToken ct = default)
    {
        if (format == DatasetFormat.Jsonl)
        {
            await foreach (var c in cases.WithCancellation(ct))
                await writer.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    id = c.Id, inputs = c.Inputs, expected = c.Expected, steps = c.StepExpected, tags = c.Tags, split = c.Split, note = c.Note,
                }, Json));
            return;
        }

        // The header must list every column of every case, so CSV needs the cases twice; they are buffered here.
        var all = new List<DatasetCase>();
        await foreach (var c in cases.WithCancellation(ct)) all.Add(c);
        var columns = all.SelectMany(DatasetColumns.FromCase).Select(c => c.Column).Distinct(StringComparer.Ordinal).ToList();
        // A cell like =cmd|'/c calc'!A1 stays text when a spreadsheet opens the file.
        await using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteHeader([.. columns]);
        foreach (var c in all)
        {
            var cells = DatasetColumns.FromCase(c).ToDictionary(x => x.Column, x => x.Value, StringComparer.Ordinal);
            await csv.WriteRecordAsync([.. columns.Select(column => cells.GetValueOrDefault(column, ""))], ct);
        }
        await csv.FlushAsync(ct);
    }
}
