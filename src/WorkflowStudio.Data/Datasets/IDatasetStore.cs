namespace WorkflowStudio.Data.Datasets;

/// <summary>Datasets and their immutable versions. Saving cases always adds a version; nothing rewrites one.</summary>
public interface IDatasetStore
{
    /// <summary>Adds a version holding <paramref name="cases"/> (creating the dataset when new), written in batches as they are read.</summary>
    Task<DatasetVersion> SaveVersionAsync(string datasetId, string name, IEnumerable<DatasetCase> cases, string message, string author, CancellationToken ct = default);

    Task<IReadOnlyList<DatasetSummary>> ListAsync(CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<DatasetVersion>> ListVersionsAsync(string datasetId, CancellationToken ct = default);

    Task<DatasetVersion?> GetVersionAsync(string datasetId, int number, CancellationToken ct = default);

    /// <summary>The version's cases in order, read page by page so a large dataset is never in memory at once.</summary>
    IAsyncEnumerable<StoredCase> ReadCasesAsync(string datasetId, int number, CancellationToken ct = default);
}
