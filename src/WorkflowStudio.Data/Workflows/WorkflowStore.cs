using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Core.Serialization;
using WorkflowStudio.Data.Entities;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Workflows;

public sealed partial class WorkflowStore(StudioDatabase database, TimeProvider time) : IWorkflowStore
{
    public async Task<IReadOnlyList<WorkflowSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var rows = await db.Workflows.AsNoTracking().OrderByDescending(w => w.UpdatedAt).ToListAsync(ct);
        return [.. rows.Select(ToSummary)];
    }

    public async Task<WorkflowSummary?> GetAsync(string workflowId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await db.Workflows.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workflowId, ct);
        return row is null ? null : ToSummary(row);
    }

    public async Task<WorkflowVersion?> GetLatestVersionAsync(string workflowId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await db.Versions.AsNoTracking().Where(v => v.WorkflowId == workflowId)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        return row is null ? null : ToVersion(row);
    }

    public async Task<WorkflowVersion?> GetVersionAsync(string workflowId, int number, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.WorkflowId == workflowId && v.Number == number, ct);
        return row is null ? null : ToVersion(row);
    }

    public async Task<IReadOnlyList<VersionSummary>> ListVersionsAsync(string workflowId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var rows = await db.Versions.AsNoTracking().Where(v => v.WorkflowId == workflowId)
            .OrderByDescending(v => v.Number)
            .Select(v => new VersionSummary(v.Id, v.WorkflowId, v.Number, v.Message, v.Author, v.CreatedAt, v.ParentNumber, v.RestoredFrom))
            .ToListAsync(ct);
        return rows;
    }

    public async Task<SaveResult> SaveAsync(SaveRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = request.Definition ?? throw new StoreException("A save needs a workflow definition.");
        CheckId(definition.Id, "workflow id");
        CheckName(definition.Name);
        CheckMessage(request.Message);
        var author = CheckAuthor(request.Author);

        await using var db = await database.OpenAsync(ct);
        // SQLite transactions here take the write lock at BEGIN, so reading the latest number and adding the
        // next one cannot interleave with another save; the unique (workflow, number) index backs that up.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var workflow = await db.Workflows.FirstOrDefaultAsync(w => w.Id == definition.Id, ct);
        IReadOnlyList<int> meanwhile = [];
        if (request.BasedOn is not { } basedOn)
        {
            if (workflow is not null)
                throw new StoreException($"A workflow with the id '{definition.Id}' already exists. Save a new version of it, or choose another id.", StoreErrorKind.Conflict);
            workflow = NewWorkflow(db, definition, author);
        }
        else
        {
            if (workflow is null)
                throw new StoreException($"There is no workflow '{definition.Id}' to save a version of.", StoreErrorKind.NotFound);
            if (basedOn < 1 || basedOn > workflow.LatestVersion)
                throw new StoreException($"Workflow '{definition.Id}' has no version {basedOn} to base a save on (latest is {workflow.LatestVersion}).", StoreErrorKind.NotFound);
            meanwhile = [.. Enumerable.Range(basedOn + 1, workflow.LatestVersion - basedOn)];
        }

        var row = AddVersion(db, workflow, WorkflowJson.Serialize(definition), request.Code, request.Message, author, request.BasedOn, restoredFrom: null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new SaveResult(ToVersion(row), meanwhile);
    }

    public async Task<bool> DeleteAsync(string workflowId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        // A set-based delete lets the foreign keys cascade to versions, tags and runs inside SQLite.
        return await db.Workflows.Where(w => w.Id == workflowId).ExecuteDeleteAsync(ct) > 0;
    }

    public async Task<WorkflowVersion> RestoreAsync(string workflowId, int number, string author, CancellationToken ct = default)
    {
        var checkedAuthor = CheckAuthor(author);
        await using var db = await database.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var workflow = await db.Workflows.FirstOrDefaultAsync(w => w.Id == workflowId, ct) ?? throw NotFound(workflowId);
        var source = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.WorkflowId == workflowId && v.Number == number, ct)
                     ?? throw new StoreException($"Workflow '{workflowId}' has no version {number} to restore.", StoreErrorKind.NotFound);
        var row = AddVersion(db, workflow, source.DefinitionJson, source.Code, $"Restored version {number}", checkedAuthor,
            parentNumber: workflow.LatestVersion, restoredFrom: number);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ToVersion(row);
    }

    public async Task<ReleaseTag> SetTagAsync(string workflowId, string tag, int versionNumber, string movedBy, CancellationToken ct = default)
    {
        CheckTag(tag);
        var author = CheckAuthor(movedBy);
        await using var db = await database.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.Workflows.AnyAsync(w => w.Id == workflowId, ct)) throw NotFound(workflowId);
        var version = await db.Versions.AsNoTracking().Where(v => v.WorkflowId == workflowId && v.Number == versionNumber)
                          .Select(v => new { v.Id, v.Number }).FirstOrDefaultAsync(ct)
                      ?? throw new StoreException($"Workflow '{workflowId}' has no version {versionNumber} to tag '{tag}'.", StoreErrorKind.NotFound);
        var now = time.GetUtcNow();
        var row = await db.Tags.FirstOrDefaultAsync(t => t.WorkflowId == workflowId && t.Name == tag, ct);
        int? from = null;
        if (row is null)
        {
            row = new TagRow { WorkflowId = workflowId, Name = tag, VersionId = version.Id, MovedAt = now, MovedBy = author };
            db.Tags.Add(row);
        }
        else
        {
            if (row.VersionId == version.Id)
                return new ReleaseTag(workflowId, tag, versionNumber, row.MovedAt, row.MovedBy);
            from = await db.Versions.Where(v => v.Id == row.VersionId).Select(v => v.Number).FirstAsync(ct);
            row.VersionId = version.Id;
            row.MovedAt = now;
            row.MovedBy = author;
        }
        db.TagMoves.Add(new TagMoveRow { WorkflowId = workflowId, Tag = tag, FromNumber = from, ToNumber = versionNumber, MovedAt = now, MovedBy = author });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ReleaseTag(workflowId, tag, versionNumber, now, author);
    }

    public async Task<IReadOnlyList<ReleaseTag>> ListTagsAsync(string workflowId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        return await (from t in db.Tags.AsNoTracking()
                      join v in db.Versions on t.VersionId equals v.Id
                      where t.WorkflowId == workflowId
                      orderby t.Name
                      select new ReleaseTag(t.WorkflowId, t.Name, v.Number, t.MovedAt, t.MovedBy)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<TagMove>> GetTagHistoryAsync(string workflowId, string? tag = null, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var moves = db.TagMoves.AsNoTracking().Where(m => m.WorkflowId == workflowId);
        if (tag is not null) moves = moves.Where(m => m.Tag == tag);
        return await moves.OrderByDescending(m => m.Id)
            .Select(m => new TagMove(m.WorkflowId, m.Tag, m.FromNumber, m.ToNumber, m.MovedAt, m.MovedBy))
            .ToListAsync(ct);
    }

    public async Task<WorkflowVersion?> GetTaggedVersionAsync(string workflowId, string tag, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var row = await (from t in db.Tags.AsNoTracking()
                         join v in db.Versions on t.VersionId equals v.Id
                         where t.WorkflowId == workflowId && t.Name == tag
                         select v).FirstOrDefaultAsync(ct);
        return row is null ? null : ToVersion(row);
    }

    private WorkflowRow NewWorkflow(StudioDbContext db, Workflow definition, string author)
    {
        var now = time.GetUtcNow();
        var row = new WorkflowRow { Id = definition.Id, Name = definition.Name, CreatedAt = now, UpdatedAt = now, UpdatedBy = author };
        db.Workflows.Add(row);
        return row;
    }

    private VersionRow AddVersion(StudioDbContext db, WorkflowRow workflow, string definitionJson, string? code, string message, string author,
        int? parentNumber, int? restoredFrom)
    {
        var now = time.GetUtcNow();
        var definition = WorkflowJson.Deserialize(definitionJson);
        var row = new VersionRow
        {
            WorkflowId = workflow.Id,
            Number = workflow.LatestVersion + 1,
            DefinitionJson = definitionJson,
            Code = code,
            Message = message.Trim(),
            Author = author,
            CreatedAt = now,
            ParentNumber = parentNumber,
            RestoredFrom = restoredFrom,
        };
        db.Versions.Add(row);
        workflow.LatestVersion = row.Number;
        workflow.Name = definition.Name;
        workflow.Description = definition.Description;
        workflow.UpdatedAt = now;
        workflow.UpdatedBy = author;
        return row;
    }

    private static WorkflowSummary ToSummary(WorkflowRow w) =>
        new(w.Id, w.Name, w.Description, w.LatestVersion, w.CreatedAt, w.UpdatedAt, w.UpdatedBy);

    private static WorkflowVersion ToVersion(VersionRow v) => new(
        new VersionSummary(v.Id, v.WorkflowId, v.Number, v.Message, v.Author, v.CreatedAt, v.ParentNumber, v.RestoredFrom),
        WorkflowJson.Deserialize(v.DefinitionJson), v.DefinitionJson, v.Code);

    private static StoreException NotFound(string workflowId) => new($"There is no workflow '{workflowId}'.", StoreErrorKind.NotFound);

    private static void CheckId(string? id, string what)
    {
        if (string.IsNullOrWhiteSpace(id))
            throw new StoreException($"The {what} is empty.");
        if (id.Length > StoreLimits.IdLength)
            throw new StoreException($"The {what} is {id.Length} characters long; at most {StoreLimits.IdLength} are allowed.");
    }

    private static void CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new StoreException("The workflow name is empty.");
        if (name.Length > StoreLimits.NameLength)
            throw new StoreException($"The workflow name is {name.Length} characters long; at most {StoreLimits.NameLength} are allowed.");
    }

    private static void CheckMessage(string? message)
    {
        if (message is null)
            throw new StoreException("A save needs a message (it may be empty).");
        if (message.Length > StoreLimits.MessageLength)
            throw new StoreException($"The save message is {message.Length} characters long; at most {StoreLimits.MessageLength} are allowed.");
    }

    private static string CheckAuthor(string? author)
    {
        if (string.IsNullOrWhiteSpace(author))
            throw new StoreException("Every change needs an author.");
        return author.Trim();
    }

    private static void CheckTag(string? tag)
    {
        if (tag is null || !TagPattern().IsMatch(tag))
            throw new StoreException($"'{tag}' is not a tag name: use 1 to {StoreLimits.TagLength} lower-case letters, digits, '.', '-' or '_', starting with a letter or digit.");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,39}$")]
    private static partial Regex TagPattern();
}
