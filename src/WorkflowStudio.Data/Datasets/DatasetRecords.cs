namespace WorkflowStudio.Data.Datasets;

/// <summary>
/// One case of a dataset: the workflow's inputs, the expected value of each output (by output name), optional
/// expected values of individual steps (by step id, for per-step checks), tags, a split and a note.
/// </summary>
public sealed record DatasetCase(string Id, IReadOnlyDictionary<string, string> Inputs, IReadOnlyDictionary<string, string> Expected)
{
    public IReadOnlyDictionary<string, string> StepExpected { get; init; } = EmptyMap;
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Split { get; init; }
    public string? Note { get; init; }

    public static readonly IReadOnlyDictionary<string, string> EmptyMap = new Dictionary<string, string>();
}

public sealed record DatasetSummary(string Id, string Name, int LatestVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>An immutable saved state of a dataset, without its cases.</summary>
public sealed record DatasetVersion(string DatasetId, int Number, int CaseCount, string Message, string Author, DateTimeOffset CreatedAt);

/// <summary>A case as stored: its place in the version (0-based, file order) and the case itself.</summary>
public sealed record StoredCase(int Ordinal, DatasetCase Case);
