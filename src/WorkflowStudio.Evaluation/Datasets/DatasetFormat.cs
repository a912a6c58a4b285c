namespace WorkflowStudio.Evaluation.Datasets;

public enum DatasetFormat { Csv, Jsonl }

public static class DatasetFormats
{
    /// <summary>The format a file name implies: .csv, or .jsonl / .ndjson.</summary>
    public static DatasetFormat FromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => DatasetFormat.Csv,
        ".jsonl" or ".ndjson" => DatasetFormat.Jsonl,
        var other => throw new DatasetFileException($"'{Path.GetFileName(path)}' is not a dataset file: use .csv or .jsonl (not '{other}')."),
    };
}
