using WorkflowStudio.Data.Datasets;

namespace WorkflowStudio.Evaluation.Datasets;

/// <summary>
/// How flat columns (CSV headers, flat JSONL properties) map onto a case: <c>id</c>, <c>tags</c> (comma-separated),
/// <c>split</c>, <c>note</c>; <c>expected</c> for the workflow's main output and <c>expected.NAME</c> for a named one;
/// <c>step.STEP</c> for a step's expected value; <c>input.NAME</c> or any other name for an input.
/// </summary>
public static class DatasetColumns
{
    public const string Id = "id";
    public const string Tags = "tags";
    public const string Split = "split";
    public const string Note = "note";
    public const string Expected = "expected";
    public const string ExpectedPrefix = "expected.";
    public const string StepPrefix = "step.";
    public const string InputPrefix = "input.";

    /// <summary>The key under which a bare "expected" column is kept: it means the workflow's first output.</summary>
    public const string MainOutput = "";

    public static void CheckHeader(IReadOnlyList<string> header, DatasetReadOptions options)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0) throw new DatasetFileException($"column {i + 1} has no name.", 1);
            if (seen.TryGetValue(name, out var first))
                throw new DatasetFileException($"the column is named twice (columns {first + 1} and {i + 1}).", 1, name);
            seen[name] = i;
            if (options.KnownInputs is { } known && InputName(name) is { } input && !known.Contains(input))
                throw new DatasetFileException($"the workflow has no input '{input}'. Its inputs: {string.Join(", ", known.Order())}.", 1, name);
        }
        if (!header.Any(h => InputName(h.Trim()) is not null))
            throw new DatasetFileException("no input columns: name at least one column after a workflow input.", 1);
    }

    /// <summary>Builds a case from (column, value) pairs; <paramref name="ordinal"/> names it when it has no id.</summary>
    public static DatasetCase ToCase(IEnumerable<(string Column, string Value)> cells, int ordinal, int row)
    {
        string? id = null, split = null, note = null;
        IReadOnlyList<string> tags = [];
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        var steps = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (rawColumn, value) in cells)
        {
            var column = rawColumn.Trim();
            switch (column.ToLowerInvariant())
            {
                case Id: id = value.Trim(); break;
                case Tags: tags = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case Split: split = NullIfEmpty(value); break;
                case Note: note = NullIfEmpty(value); break;
                // "expected." is how the structured JSONL form spells the main output ("expected": {"": ...}).
                case Expected or ExpectedPrefix: expected[MainOutput] = value; break;
                default:
                    if (After(column, ExpectedPrefix) is { } output) expected[output] = value;
                    else if (After(column, StepPrefix) is { } step) steps[step] = value;
                    else if (InputName(column) is { } input) inputs[input] = value;
                    else throw new DatasetFileException("the column names nothing: use a name after its prefix.", row, column);
                    break;
            }
        }
        if (id is { Length: 0 }) throw new DatasetFileException("the id is empty.", row, Id);
        return new DatasetCase(id ?? $"case-{ordinal + 1}", inputs, expected) { StepExpected = steps, Tags = tags, Split = split, Note = note };
    }

    /// <summary>The flat columns of a case, in a stable order: what the CSV writer writes.</summary>
    public static IEnumerable<(string Column, string Value)> FromCase(DatasetCase c)
    {
        yield return (Id, c.Id);
        foreach (var (name, value) in c.Inputs.OrderBy(kv => kv.Key, StringComparer.Ordinal)) yield return (IsReserved(name) ? InputPrefix + name : name, value);
        foreach (var (name, value) in c.Expected.OrderBy(kv => kv.Key, StringComparer.Ordinal)) yield return (name == MainOutput ? Expected : ExpectedPrefix + name, value);
        foreach (var (name, value) in c.StepExpected.OrderBy(kv => kv.Key, StringComparer.Ordinal)) yield return (StepPrefix + name, value);
        yield return (Tags, string.Join(',', c.Tags));
        yield return (Split, c.Split ?? "");
        yield return (Note, c.Note ?? "");
    }

    private static string? InputName(string column) =>
        After(column, InputPrefix) ?? (IsReserved(column) || After(column, ExpectedPrefix) is not null || After(column, StepPrefix) is not null ? null : column);

    private static bool IsReserved(string name) =>
        name.ToLowerInvariant() is Id or Tags or Split or Note or Expected || name.StartsWith(ExpectedPrefix, StringComparison.OrdinalIgnoreCase) || name.StartsWith(StepPrefix, StringComparison.OrdinalIgnoreCase) || name.StartsWith(InputPrefix, StringComparison.OrdinalIgnoreCase);

    private static string? After(string column, string prefix) =>
        column.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && column.Length > prefix.Length ? column[prefix.Length..] : null;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
