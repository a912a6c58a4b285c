using WorkflowStudio.Data.Datasets;

namespace WorkflowStudio.Evaluation.Datasets;

/// <summary>Imports dataset files as new immutable versions, and exports versions back to files.</summary>
public sealed class DatasetService(IDatasetStore store, DatasetReadOptions defaults)
{
    /// <summary>Reads the whole file as a new version of <paramref name="datasetId"/>; a bad row stores nothing and throws <see cref="DatasetFileException"/>.</summary>
    public Task<DatasetVersion> ImportAsync(string datasetId, string name, Stream file, DatasetFormat format, string author, IReadOnlySet<string>? knownInputs = null, CancellationToken ct = default) =>
        store.SaveVersionAsync(datasetId, name, DatasetReader.Read(file, format, defaults with { KnownInputs = knownInputs }), $"Imported from {format.ToString().ToUpperInvariant()}", author, ct);

    public Task<DatasetVersion> ImportFileAsync(string datasetId, string path, string author, IReadOnlySet<string>? knownInputs = null, CancellationToken ct = default) =>
        store.SaveVersionAsync(datasetId, Path.GetFileNameWithoutExtension(path), DatasetReader.ReadFile(path, defaults with { KnownInputs = knownInputs }), $"Imported {Path.GetFileName(path)}", author, ct);

    public async Task ExportAsync(string datasetId, int version, TextWriter writer, DatasetFormat format, CancellationToken ct = default) =>
        await DatasetWriter.WriteAsync(store.ReadCasesAsync(datasetId, version, ct).Select(c => c.Case), writer, format, ct);
}
