namespace WorkflowStudio.Evaluation.Datasets;

/// <summary>Limits that keep a hostile or mistaken file from exhausting memory or disk.</summary>
public sealed record DatasetReadOptions
{
    public static DatasetReadOptions Default { get; } = new();

    public long MaxBytes { get; init; } = 50L * 1024 * 1024;
    public int MaxCases { get; init; } = 1_000_000;
    public int MaxCellLength { get; init; } = 1_000_000;
    /// <summary>When set, a column naming any other input is refused (a typo would otherwise silently become an unused input).</summary>
    public IReadOnlySet<string>? KnownInputs { get; init; }

    public void Validate()
    {
        if (MaxBytes < 1) throw new ArgumentOutOfRangeException(nameof(MaxBytes), "The size limit must be positive.");
        if (MaxCases < 1) throw new ArgumentOutOfRangeException(nameof(MaxCases), "The case limit must be positive.");
        if (MaxCellLength < 1) throw new ArgumentOutOfRangeException(nameof(MaxCellLength), "The cell length limit must be positive.");
    }
}
