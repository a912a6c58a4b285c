using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkflowStudio.Data.Entities;
using WorkflowStudio.Data.Runs;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Datasets;

public sealed class DatasetStore(StudioDatabase database, TimeProvider time) : IDatasetStore
{
    private const int Page = 1_000;

    public async Task<DatasetVersion> SaveVersionAsync(string datasetId, string name, IEnumerable<DatasetCase> cases, string message, string author, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(datasetId) || datasetId.Length > StoreLimits.IdLength)
            throw new StoreException($"A dataset id must be 1 to {StoreLimits.IdLength} characters.");
        if (string.IsNullOrWhiteSpace(name) || name.Length > StoreLimits.NameLength)
            throw new StoreException($"A dataset name must be 1 to {StoreLimits.NameLength} characters.");
        if (message.Length > StoreLimits.MessageLength)
            throw new StoreException($"A version message must be at most {StoreLimits.MessageLength} characters.");
        ArgumentNullException.ThrowIfNull(cases);

        await using var db = await database.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var dataset = await db.Datasets.FirstOrDefaultAsync(d => d.Id == datasetId, ct);
        if (dataset is null)
        {
            dataset = new DatasetRow { Id = datasetId, Name = name.Trim(), CreatedAt = now };
            db.Datasets.Add(dataset);
        }
        dataset.LatestVersion++;
        dataset.UpdatedAt = now;
        var version = new DatasetVersionRow
        {
            DatasetId = datasetId, Number = dataset.LatestVersion, Message = message, Author = author, CreatedAt = now,
        };
        db.DatasetVersions.Add(version);
        await db.SaveChangesAsync(ct);

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var ordinal = 0;
        // One prepared insert per case rather than the change tracker: a CLI gate stores its dataset before every
        // evaluation, and a 100,000-case import should not build an entity for each row.
        using (var insert = new BatchInsert(db, tx, """
            INSERT INTO "DatasetCases" ("VersionId", "Ordinal", "CaseId", "InputsJson", "ExpectedJson", "StepExpectedJson", "Tags", "Split", "Note")
            VALUES ($version, $ordinal, $case, $inputs, $expected, $steps, $tags, $split, $note)
            """, "$version", "$ordinal", "$case", "$inputs", "$expected", "$steps", "$tags", "$split", "$note"))
        {
            foreach (var c in cases)
            {
                ct.ThrowIfCancellationRequested();
                if (!ids.Add(c.Id)) throw new StoreException($"Case {ordinal + 1}: the id '{c.Id}' is used by an earlier case.");
                insert.Execute(version.Id, ordinal++, c.Id, Json(c.Inputs), Json(c.Expected), Json(c.StepExpected), string.Join(',', c.Tags), c.Split, c.Note);
            }
        }
        // The count is only known at the end; the row is new in this transaction, so this is not a change to history.
        // Through the tracked row, which writes only this column, rather than a bulk update: that was one more query to
        // compile on a CLI gate's critical path.
        version.CaseCount = ordinal;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new DatasetVersion(datasetId, version.Number, ordinal, message, author, now);
    }

    public async Task<IReadOnlyList<DatasetSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var rows = await db.Datasets.AsNoTracking().OrderByDescending(d => d.UpdatedAt).ToListAsync(ct);
        return [.. rows.Select(d => new DatasetSummary(d.Id, d.Name, d.LatestVersion, d.CreatedAt, d.UpdatedAt))];
    }

    public async Task<IReadOnlyList<DatasetVersion>> ListVersionsAsync(string datasetId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var rows = await db.DatasetVersions.AsNoTracking().Where(v => v.DatasetId == datasetId).OrderByDescending(v => v.Number).ToListAsync(ct);
        return [.. rows.Select(ToVersion)];
    }

    public async Task<DatasetVersion?> GetVersionAsync(string datasetId, int number, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await db.DatasetVersions.AsNoTracking().FirstOrDefaultAsync(v => v.DatasetId == datasetId && v.Number == number, ct);
        return row is null ? null : ToVersion(row);
    }

    public async IAsyncEnumerable<StoredCase> ReadCasesAsync(string datasetId, int number, [EnumeratorCancellation] CancellationToken ct = default)
    {
        long versionId;
        await using (var db = await database.OpenAsync(ct))
        {
            versionId = await db.DatasetVersions.Where(v => v.DatasetId == datasetId && v.Number == number).Select(v => (long?)v.Id).FirstOrDefaultAsync(ct)
                ?? throw new StoreException($"Dataset '{datasetId}' has no version {number}.", StoreErrorKind.NotFound);
        }
        var after = -1;
        while (true)
        {
            List<DatasetCaseRow> rows;
            await using (var db = await database.OpenAsync(ct))
                rows = await db.DatasetCases.AsNoTracking().Where(c => c.VersionId == versionId && c.Ordinal > after)
                    .OrderBy(c => c.Ordinal).Take(Page).ToListAsync(ct);
            foreach (var row in rows) yield return new StoredCase(row.Ordinal, ToCase(row));
            if (rows.Count < Page) yield break;
            after = rows[^1].Ordinal;
        }
    }

    private static string Json(IReadOnlyDictionary<string, string> values) => JsonSerializer.Serialize(values, RunEventJson.Options);

    private static DatasetCase ToCase(DatasetCaseRow r) => new(r.CaseId, Map(r.InputsJson), Map(r.ExpectedJson))
    {
        StepExpected = Map(r.StepExpectedJson),
        Tags = r.Tags.Length == 0 ? [] : r.Tags.Split(','),
        Split = r.Split,
        Note = r.Note,
    };

    private static Dictionary<string, string> Map(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, RunEventJson.Options) ?? [];

    private static DatasetVersion ToVersion(DatasetVersionRow v) => new(v.DatasetId, v.Number, v.CaseCount, v.Message, v.Author, v.CreatedAt);
}
