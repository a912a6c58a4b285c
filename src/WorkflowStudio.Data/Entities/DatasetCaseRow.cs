namespace WorkflowStudio.Data.Entities;

/// <summary>A case of one dataset version, in file order; maps are stored as JSON objects of strings.</summary>
public sealed class DatasetCaseRow
{
    public long VersionId { get; set; }
    public int Ordinal { get; set; }
    public required string CaseId { get; set; }
    public required string InputsJson { get; set; }
    public required string ExpectedJson { get; set; }
    public required string StepExpectedJson { get; set; }
    public required string Tags { get; set; }
    public string? Split { get; set; }
    public string? Note { get; set; }
}
