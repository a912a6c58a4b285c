using System.Text;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Data.Datasets;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Evaluation.Datasets;
using WorkflowStudio.Studio.Security;
using WorkflowStudio.Studio.Workflows;

namespace WorkflowStudio.Studio.Evaluations;

/// <summary>A dataset as a table of flat columns (the CSV form): what the browser previews and edits.</summary>
public sealed record DatasetTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows);

/// <summary>A dataset and its versions, newest first.</summary>
public sealed record DatasetListing(DatasetSummary Dataset, IReadOnlyList<DatasetVersion> Versions);

/// <summary>A file parsed without storing it: its rows, or the reason it cannot be stored (with row and column when known).</summary>
public sealed record DatasetPreview(DatasetTable? Table, string? Error, int? ErrorRow = null, string? ErrorColumn = null);

/// <summary>
/// Datasets for the browser: list them, preview a file before importing it, read a version as a table, save an edited
/// table as a new immutable version, export, and start an empty table from a workflow's inputs and outputs.
/// </summary>
public sealed class DatasetWorkbench(
    IDatasetStore store, DatasetService datasets, DatasetReadOptions readOptions, WorkflowLibrary library, IRunStore runs, IWorkflowStore workflows)
{
    /// <summary>Most rows the browser grid edits at once; a larger dataset is edited as a file.</summary>
    public const int MaxEditableRows = 5_000;

    public async Task<IReadOnlyList<DatasetListing>> ListAsync(CancellationToken ct = default)
    {
        var list = new List<DatasetListing>();
        foreach (var dataset in await store.ListAsync(ct))
            list.Add(new DatasetListing(dataset, await store.ListVersionsAsync(dataset.Id, ct)));
        return list;
    }

    /// <summary>Parses the whole file (so an error on its last row shows now, not at import) and returns it as a table.</summary>
    public DatasetPreview Preview(byte[] file, DatasetFormat format)
    {
        try
        {
            return new DatasetPreview(ToTable([.. DatasetReader.Read(new MemoryStream(file, writable: false), format, readOptions)]), null);
        }
        catch (DatasetFileException e)
        {
            return new DatasetPreview(null, e.Message, e.Row, e.Column);
        }
    }

    public Task<DatasetVersion> ImportAsync(string datasetId, string name, byte[] file, DatasetFormat format, CancellationToken ct = default,
        string? author = null, StudioRole role = StudioRole.Owner)
    {
        WorkflowPermissions.EnsureMayEditData(role, "import datasets");
        return datasets.ImportAsync(datasetId, name, new MemoryStream(file, writable: false), format, author ?? library.DefaultAuthor, ct: ct);
    }

    public async Task<DatasetTable> ReadAsync(string datasetId, int version, CancellationToken ct = default)
    {
        var cases = new List<DatasetCase>();
        await foreach (var stored in store.ReadCasesAsync(datasetId, version, ct))
        {
            if (cases.Count == MaxEditableRows)
                throw new InvalidOperationException($"The dataset has more than {MaxEditableRows} cases; export it and edit the file.");
            cases.Add(stored.Case);
        }
        return ToTable(cases);
    }

    /// <summary>One case of a version as a row of flat columns (what an evaluation's case drawer shows as expected), or null.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> FindCaseAsync(string datasetId, int version, string caseId, CancellationToken ct = default)
    {
        await foreach (var stored in store.ReadCasesAsync(datasetId, version, ct))
            if (stored.Case.Id == caseId) return DatasetColumns.FromCase(stored.Case).ToDictionary(x => x.Column, x => x.Value, StringComparer.Ordinal);
        return null;
    }

    /// <summary>Stores the edited rows as a new version; a row that does not make a case throws <see cref="DatasetFileException"/> naming it.</summary>
    public Task<DatasetVersion> SaveAsync(string datasetId, string name, DatasetTable table, string message, CancellationToken ct = default,
        string? author = null, StudioRole role = StudioRole.Owner)
    {
        WorkflowPermissions.EnsureMayEditData(role, "change datasets");
        if (table.Rows.Count > MaxEditableRows) throw new InvalidOperationException($"A dataset edited here holds at most {MaxEditableRows} cases.");
        DatasetColumns.CheckHeader(table.Columns, readOptions);
        // Row numbers count the header as row 1, as in the file the table came from.
        var cases = table.Rows.Select((row, i) => DatasetColumns.ToCase(
            table.Columns.Select(c => (c, row.GetValueOrDefault(c, ""))), i, i + 2)).ToList();
        return store.SaveVersionAsync(datasetId, name, cases, message, author ?? library.DefaultAuthor, ct);
    }

    /// <summary>
    /// Adds a finished run as a case of a new version of <paramref name="datasetId"/> (created, named
    /// <paramref name="name"/>, when new): the run's inputs, and its outputs as the proposed expected values, which the
    /// author then corrects in the grid. The first output of the run's version is the case's main expected value.
    /// </summary>
    public async Task<DatasetVersion> AddRunAsync(string runId, string datasetId, string? name = null, CancellationToken ct = default)
    {
        var run = await runs.GetRunAsync(runId, ct) ?? throw new InvalidOperationException($"There is no run '{runId}'.");
        if (!run.IsFinished) throw new InvalidOperationException("The run has not finished; add it once it has outputs.");
        var definition = (await workflows.GetVersionAsync(run.WorkflowId, run.VersionNumber, ct))?.Definition;
        var main = definition?.Outputs.FirstOrDefault()?.Id;
        var expected = (run.Outputs ?? new Dictionary<string, System.Text.Json.JsonElement>())
            .ToDictionary(o => o.Key == main ? DatasetColumns.MainOutput : o.Key, o => Evaluation.Running.OutputText.Of(o.Value), StringComparer.Ordinal);

        var existing = await store.GetVersionAsync(datasetId, (await store.ListVersionsAsync(datasetId, ct)).FirstOrDefault()?.Number ?? 0, ct);
        var cases = new List<DatasetCase>();
        if (existing is not null)
        {
            if (existing.CaseCount >= MaxEditableRows) throw new InvalidOperationException($"The dataset has {MaxEditableRows} cases or more; add runs to a smaller one.");
            await foreach (var stored in store.ReadCasesAsync(datasetId, existing.Number, ct)) cases.Add(stored.Case);
        }
        var caseId = "run-" + runId[..Math.Min(12, runId.Length)];
        if (cases.Any(c => c.Id == caseId)) throw new InvalidOperationException($"This run is already case '{caseId}' of the dataset.");
        cases.Add(new DatasetCase(caseId, run.Inputs, expected) { Note = $"From run {runId} of {run.WorkflowId} v{run.VersionNumber}; check the expected values." });
        var datasetName = (await store.ListAsync(ct)).FirstOrDefault(d => d.Id == datasetId)?.Name ?? (string.IsNullOrWhiteSpace(name) ? datasetId : name.Trim());
        return await store.SaveVersionAsync(datasetId, datasetName, cases, $"Added run {runId}", library.DefaultAuthor, ct);
    }

    public async Task<string> ExportAsync(string datasetId, int version, DatasetFormat format, CancellationToken ct = default)
    {
        var text = new StringWriter(new StringBuilder());
        await datasets.ExportAsync(datasetId, version, text, format, ct);
        return text.ToString();
    }

    /// <summary>An empty table with a column per input of the workflow and an expected column per output (<c>expected</c> for the first).</summary>
    public async Task<DatasetTable> TemplateAsync(string workflowId, CancellationToken ct = default)
    {
        var workflow = await library.GetAsync(workflowId, ct) ?? throw new InvalidOperationException($"There is no workflow '{workflowId}'.");
        var probe = new DatasetCase("id",
            workflow.Nodes.OfType<InputNode>().ToDictionary(n => n.Id, _ => ""),
            workflow.Outputs.Select((o, i) => (Key: i == 0 ? DatasetColumns.MainOutput : o.Id, o)).ToDictionary(x => x.Key, _ => ""));
        return new DatasetTable([.. DatasetColumns.FromCase(probe).Select(c => c.Column)], []);
    }

    private static DatasetTable ToTable(IReadOnlyList<DatasetCase> cases)
    {
        var rows = cases.Select(c => (IReadOnlyDictionary<string, string>)DatasetColumns.FromCase(c).ToDictionary(x => x.Column, x => x.Value, StringComparer.Ordinal)).ToList();
        // Column order follows the CSV writer: id, inputs, expected values, step values, tags, split, note.
        var columns = cases.SelectMany(DatasetColumns.FromCase).Select(c => c.Column).Distinct(StringComparer.Ordinal).ToList();
        return new DatasetTable(columns, rows);
    }
}
