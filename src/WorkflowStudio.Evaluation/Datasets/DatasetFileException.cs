namespace WorkflowStudio.Evaluation.Datasets;

/// <summary>A dataset file that cannot be read, with the row (CSV record or JSONL line, 1-based) and column at fault.</summary>
public sealed class DatasetFileException(string message, int? row = null, string? column = null)
    : Exception(Place(row, column) + message)
{
    public int? Row { get; } = row;
    public string? Column { get; } = column;

    private static string Place(int? row, string? column) => (row, column) switch
    {
        (null, null) => "",
        (null, { } c) => $"column '{c}': ",
        ({ } r, null) => $"row {r}: ",
        ({ } r, { } c) => $"row {r}, column '{c}': ",
    };
}
