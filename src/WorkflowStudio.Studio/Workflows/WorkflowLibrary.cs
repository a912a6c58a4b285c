using Microsoft.Extensions.Options;
using WorkflowStudio.CodeSync;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Data;
using WorkflowStudio.Data.Workflows;
using WorkflowStudio.Studio.Configuration;
using WorkflowStudio.Studio.Security;

namespace WorkflowStudio.Studio.Workflows;

/// <summary>
/// The only way a workflow is saved, whoever asks (designer, list, HTTP API, CLI): every change is a new immutable
/// version whose C# is generated from its definition, so history, diffs, restores and runs all see what was saved.
/// Refusals throw <see cref="StoreException"/> with a sentence saying why.
/// </summary>
public sealed class WorkflowLibrary(IWorkflowStore store, IOptions<StudioOptions> options)
{
    public const int MaxImportChars = 2_000_000;

    /// <summary>The author when the caller names none (the CLI, in-process callers); the web app always names the signed-in user.</summary>
    public string DefaultAuthor => options.Value.Author;

    public async Task<IReadOnlyList<WorkflowListItem>> ListAsync(CancellationToken ct = default)
    {
        var list = new List<WorkflowListItem>();
        foreach (var summary in await store.ListAsync(ct))
        {
            // The step count lives in the definition, so the list reads each latest version.
            var latest = await store.GetLatestVersionAsync(summary.Id, ct);
            list.Add(new WorkflowListItem(summary.Id, summary.Name, summary.Description, latest?.Definition.Nodes.Count ?? 0,
                summary.LatestVersion, summary.UpdatedAt));
        }
        return [.. list.OrderByDescending(s => s.SavedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    public async Task<Workflow?> GetAsync(string id, CancellationToken ct = default) =>
        (await store.GetLatestVersionAsync(id, ct))?.Definition;

    public async Task<OpenedWorkflow?> OpenAsync(string id, CancellationToken ct = default) =>
        await store.GetLatestVersionAsync(id, ct) is { } latest ? new OpenedWorkflow(latest.Definition, latest.Number) : null;

    /// <summary>
    /// Saves an edit that started from version <paramref name="basedOn"/>, reporting versions saved since rather than
    /// hiding them. Null saves on top of the latest version, unless <paramref name="mustBeNew"/> says the caller meant
    /// to create the workflow (then an existing one is a conflict). Saving exactly what the latest version holds adds nothing.
    /// <paramref name="role"/> is the caller's (see <see cref="WorkflowPermissions.EnsureMayChange"/>); in-process callers
    /// without sign-in (the CLI, tests) act as the owner.
    /// </summary>
    public async Task<SavedWorkflow> SaveAsync(Workflow workflow, int? basedOn = null, string? message = null, string? author = null,
        bool mustBeNew = false, CancellationToken ct = default, StudioRole role = StudioRole.Owner)
    {
        if (!WorkflowIds.IsValid(workflow.Id))
            throw new StoreException(WorkflowIds.Explain(workflow.Id), StoreErrorKind.Invalid);
        var latest = await store.GetLatestVersionAsync(workflow.Id, ct);
        if (mustBeNew && latest is not null)
            throw new StoreException($"A workflow with the id '{workflow.Id}' already exists. Save a new version of it (say which version it is based on), or choose another id.", StoreErrorKind.Conflict);
        if (latest is not null && latest.Definition.Equals(workflow)) return new SavedWorkflow(latest, []);
        WorkflowPermissions.EnsureMayChange(role, latest?.Definition, workflow);
        // A workflow deleted while it was open is saved afresh rather than refused, so the open edit is not lost.
        int? parent = latest is null ? null : basedOn ?? latest.Number;
        var saved = await store.SaveAsync(new SaveRequest(workflow, Message(message, latest is null ? "Created" : "Saved"), Author(author), parent,
            CSharpCodeGenerator.Generate(workflow)), ct);
        if (!saved.HadConcurrentSaves) return new SavedWorkflow(saved.Version, []);
        var meanwhile = (await store.ListVersionsAsync(workflow.Id, ct))
            .Where(v => saved.SavedMeanwhile.Contains(v.Number))
            .OrderBy(v => v.Number)
            .ToList();
        return new SavedWorkflow(saved.Version, meanwhile);
    }

    public async Task<Workflow> CreateAsync(NewWorkflowRequest request, string? author = null, CancellationToken ct = default, StudioRole role = StudioRole.Owner)
    {
        WorkflowPermissions.EnsureMayManage(role, "create workflows");
        var id = WorkflowIds.Unique(request.Name, await TakenIdsAsync(ct));
        var workflow = request.Template is { } template
            ? template.Workflow with { Id = id, Name = request.Name, Layout = LayeredLayout.Arrange(template.Workflow) }
            : new Workflow(id, request.Name);
        await SaveAsync(workflow, message: request.Template is { } t ? $"Created from the template '{t.Name}'" : "Created", author: author, ct: ct);
        return workflow;
    }

    /// <summary>A new workflow with its own history, copied from the latest version; id and name are made up when not given.</summary>
    public async Task<SavedWorkflow?> DuplicateAsync(string id, string? newId = null, string? newName = null, string? author = null, CancellationToken ct = default,
        StudioRole role = StudioRole.Owner)
    {
        WorkflowPermissions.EnsureMayManage(role, "duplicate workflows");
        if (await store.GetLatestVersionAsync(id, ct) is not { } source) return null;
        var name = string.IsNullOrWhiteSpace(newName) ? $"{source.Definition.Name} (copy)" : newName;
        var taken = await TakenIdsAsync(ct);
        var copyId = newId ?? WorkflowIds.Unique(name, taken);
        if (taken.Contains(copyId))
            throw new StoreException($"A workflow with the id '{copyId}' already exists; choose another id for the copy.", StoreErrorKind.Conflict);
        var copy = source.Definition with { Id = copyId, Name = name };
        return await SaveAsync(copy, message: $"Duplicated from '{id}' version {source.Number}", author: author, ct: ct);
    }

    public async Task<SavedWorkflow?> RenameAsync(string id, string name, string? author = null, CancellationToken ct = default, StudioRole role = StudioRole.Owner)
    {
        WorkflowPermissions.EnsureMayManage(role, "rename workflows");
        if (await store.GetLatestVersionAsync(id, ct) is not { } source) return null;
        return await SaveAsync(source.Definition with { Name = name }, source.Number, $"Renamed to '{name}'", author, ct: ct);
    }

    /// <summary>The saved workflow a file's id names, if any: then the importer chooses between a new version of it and a copy.</summary>
    public async Task<WorkflowSummary?> FindImportTargetAsync(string fileName, string text, CancellationToken ct = default) =>
        text.Length <= MaxImportChars && WorkflowCodecs.ForFile(fileName).Parse(text).Workflow is { } workflow && WorkflowIds.IsValid(workflow.Id)
            ? await store.GetAsync(workflow.Id, ct)
            : null;

    /// <summary>
    /// Reads a workflow file, JSON or C# by its extension. A file whose id names a saved workflow becomes its next
    /// version (<see cref="ImportMode.NewVersion"/>, as when an exported file comes back edited) or a copy with a fresh
    /// id (<see cref="ImportMode.Copy"/>); an id unusable as one always gets a fresh one. Nothing is overwritten.
    /// </summary>
    public async Task<ImportResult> ImportAsync(string fileName, string text, ImportMode mode = ImportMode.NewVersion, string? author = null, CancellationToken ct = default,
        StudioRole role = StudioRole.Owner)
    {
        WorkflowPermissions.EnsureMayManage(role, "import workflows");
        if (text.Length > MaxImportChars)
            return new ImportResult(null, $"The file is {text.Length:N0} characters; the most the studio imports is {MaxImportChars:N0}.");
        var (workflow, problems) = WorkflowCodecs.ForFile(fileName).Parse(text);
        if (workflow is null)
            return new ImportResult(null, string.Join(" ", problems.Take(3)));
        var taken = await TakenIdsAsync(ct);
        var asVersion = mode == ImportMode.NewVersion && taken.Contains(workflow.Id);
        var imported = workflow with
        {
            Id = WorkflowIds.IsValid(workflow.Id) && (asVersion || !taken.Contains(workflow.Id)) ? workflow.Id : WorkflowIds.Unique(workflow.Name, taken),
        };
        if (!imported.Nodes.All(n => imported.Layout.ContainsKey(n.Id)))
            imported = imported with { Layout = LayeredLayout.Arrange(imported) };
        var file = Path.GetFileName(fileName);
        var saved = await SaveAsync(imported, message: asVersion ? $"Imported from {file} as a new version" : $"Imported from {file}", author: author, ct: ct);
        return new ImportResult(imported, null) { Version = saved.Version };
    }

    public Task<bool> DeleteAsync(string id, CancellationToken ct = default, StudioRole role = StudioRole.Owner)
    {
        WorkflowPermissions.EnsureMayManage(role, "delete workflows");
        return store.DeleteAsync(id, ct);
    }

    private string Author(string? author) => string.IsNullOrWhiteSpace(author) ? DefaultAuthor : author;

    private static string Message(string? message, string fallback) => string.IsNullOrWhiteSpace(message) ? fallback : message.Trim();

    private async Task<HashSet<string>> TakenIdsAsync(CancellationToken ct) =>
        (await store.ListAsync(ct)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
}
