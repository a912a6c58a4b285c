using WorkflowStudio.Studio.Evaluations;

namespace WorkflowStudio.Web.Datasets;

/// <summary>
/// The grid's working copy of a dataset version (or of a new dataset, when <see cref="Version"/> is null): rows are
/// edited in place and saved together as a new version, so nothing is stored until Save.
/// </summary>
public sealed class EditableDataset(string datasetId, string name, int? version, DatasetTable table)
{
    public string DatasetId { get; } = datasetId;
    public string Name { get; set; } = name;
    public int? Version { get; } = version;
    public List<string> Columns { get; } = [.. table.Columns];
    public List<Dictionary<string, string>> Rows { get; } = [.. table.Rows.Select(r => new Dictionary<string, string>(r, StringComparer.Ordinal))];
    public bool IsDirty { get; private set; }

    /// <summary>A new dataset starts with one empty row to type into.</summary>
    public static EditableDataset New(string datasetId, string name, DatasetTable template)
    {
        var dataset = new EditableDataset(datasetId, name, null, template);
        dataset.AddRow();
        return dataset;
    }

    public void AddRow()
    {
        Rows.Add(Columns.ToDictionary(c => c, _ => "", StringComparer.Ordinal));
        IsDirty = true;
    }

    public void DeleteRow(int index)
    {
        Rows.RemoveAt(index);
        IsDirty = true;
    }

    public void Set(int row, string column, string value)
    {
        Rows[row][column] = value;
        IsDirty = true;
    }

    public DatasetTable ToTable() => new(Columns, Rows);
}
