using System.Text;
using System.Text.Json;
using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Core.Serialization;

namespace WorkflowStudio.Evaluation.Datasets;

/// <summary>
/// One JSON object per line, either structured (<c>{"id", "inputs": {}, "expected": {} or "text", "steps": {}, "tags": [], "split", "note"}</c>)
/// or flat, with the same column names as CSV (<c>{"question": "...", "expected": "..."}</c>).
/// </summary>
internal static class JsonlDatasetReader
{
    public static IEnumerable<DatasetCase> Read(TextReader text, DatasetReadOptions options)
    {
        var line = 0;
        var ordinal = 0;
        while (ReadLine(text, line + 1) is { } content)
        {
            line++;
            if (string.IsNullOrWhiteSpace(content)) continue;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(content);
            }
            catch (JsonException e)
            {
                throw new DatasetFileException($"not a JSON object: {JsonErrorText.Of(e)}", line);
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object) throw new DatasetFileException("each line must be one JSON object.", line);
                var cells = Cells(document.RootElement, line).ToList();
                foreach (var (column, value) in cells) DatasetReader.CheckCell(value, options, line, column);
                if (ordinal == 0) DatasetColumns.CheckHeader([.. cells.Select(c => c.Column).Distinct()], options);
                yield return DatasetColumns.ToCase(cells, ordinal++, line);
            }
        }
    }

    private static string? ReadLine(TextReader text, int line)
    {
        try
        {
            return text.ReadLine();
        }
        catch (DecoderFallbackException e)
        {
            throw DatasetReader.NotUtf8(line, e);
        }
    }

    /// <summary>The object as flat columns: structured properties are spread out under their column names.</summary>
    private static IEnumerable<(string Column, string Value)> Cells(JsonElement root, int line)
    {
        var structured = root.TryGetProperty("inputs", out _);
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            if (structured && name == "inputs") foreach (var cell in Map(value, line, name, DatasetColumns.InputPrefix)) yield return cell;
            else if (structured && name == "steps") foreach (var cell in Map(value, line, name, DatasetColumns.StepPrefix)) yield return cell;
            else if (name == DatasetColumns.Expected && value.ValueKind == JsonValueKind.Object) foreach (var cell in Map(value, line, name, DatasetColumns.ExpectedPrefix)) yield return cell;
            else if (name == DatasetColumns.Tags && value.ValueKind == JsonValueKind.Array) yield return (name, string.Join(',', value.EnumerateArray().Select(t => Text(t))));
            else yield return (name, Text(value));
        }
    }

    private static IEnumerable<(string, string)> Map(JsonElement value, int line, string field, string prefix)
    {
        if (value.ValueKind != JsonValueKind.Object) throw new DatasetFileException("must be an object of names to values.", line, field);
        return value.EnumerateObject().Select(p => (prefix + p.Name, Text(p.Value)));
    }

    // Numbers and booleans keep their JSON spelling; objects and arrays become their JSON text.
    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };
}
