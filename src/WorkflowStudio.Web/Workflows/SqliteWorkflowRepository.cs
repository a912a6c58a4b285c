using WorkflowStudio.CodeSync;
using WorkflowStudio.Core.Model;
using WorkflowStudio.Data.Workflows;

namespace WorkflowStudio.Web.Workflows;

/// <summary>
/// The designer's store over the SQLite versions store: every save is a new immutable version carrying its generated
/// C#, so history, diffs, restores and runs all see exactly what was saved.
/// </summary>
public sealed class SqliteWorkflowRepository(IWorkflowStore store, IConfiguration configuration) : IWorkflowRepository
{
    public const string AuthorKey = "Studio:Author";
    public const string SaveMessage = "Saved from the designer";

    /// <summary>Who saves, restores, tags and runs from this studio; there are no user accounts, so it is one configured name.</summary>
    public static string AuthorFrom(IConfiguration configuration) => configuration[AuthorKey] is { Length: > 0 } author ? author : "studio";

    public string Author => AuthorFrom(configuration);

    public async Task<IReadOnlyList<WorkflowSummary>> ListAsync(CancellationToken ct = default)
    {
        var list = new List<WorkflowSummary>();
        foreach (var summary in await store.ListAsync(ct))
        {
            // The step count lives in the definition, so the list reads each latest version.
            var latest = await store.GetLatestVersionAsync(summary.Id, ct);
            list.Add(new WorkflowSummary(summary.Id, summary.Name, summary.Description, latest?.Definition.Nodes.Count ?? 0, summary.UpdatedAt));
        }
        return [.. list.OrderByDescending(s => s.SavedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    public async Task<Workflow?> GetAsync(string id, CancellationToken ct = default) =>
        (await store.GetLatestVersionAsync(id, ct))?.Definition;

    public async Task<OpenedWorkflow?> OpenAsync(string id, CancellationToken ct = default) =>
        await store.GetLatestVersionAsync(id, ct) is { } latest ? new OpenedWorkflow(latest.Definition, latest.Number) : null;

    public async Task<SavedWorkflow> SaveAsync(Workflow workflow, int? basedOn = null, CancellationToken ct = default)
    {
        WorkflowIds.EnsureValid(workflow.Id);
        var latest = await store.GetLatestVersionAsync(workflow.Id, ct);
        // The newest version already holds exactly this definition, so there is nothing another save could have hidden.
        if (latest is not null && latest.Definition.Equals(workflow)) return new SavedWorkflow(latest.Number, []);
        // A workflow deleted while it was open is saved afresh rather than refused, so the open edit is not lost.
        int? parent = latest is null ? null : basedOn ?? latest.Number;
        var code = CSharpCodeGenerator.Generate(workflow);
        var saved = await store.SaveAsync(new SaveRequest(workflow, SaveMessage, Author, parent, code), ct);
        if (!saved.HadConcurrentSaves) return new SavedWorkflow(saved.Version.Number, []);
        var meanwhile = (await store.ListVersionsAsync(workflow.Id, ct))
            .Where(v => saved.SavedMeanwhile.Contains(v.Number))
            .OrderBy(v => v.Number)
            .ToList();
        return new SavedWorkflow(saved.Version.Number, meanwhile);
    }

    public Task<bool> DeleteAsync(string id, CancellationToken ct = default) => store.DeleteAsync(id, ct);
}
