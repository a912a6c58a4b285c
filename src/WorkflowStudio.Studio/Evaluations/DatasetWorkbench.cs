using System.Text;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Data.Datasets;
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
public sealed class DatasetWorkbench(IDatasetStore store, DatasetService datasets, DatasetReadOptions readOptions, WorkflowLibrary library)
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
